/**
 * `node --import <dist/web-server-preload.js> server.js`: what `start` loads into Next's
 * standalone server before it starts. The watchdog for a supervisor that dies, and in front of
 * Next: the bell's fast path (lib/notifications/bell-fast-path.ts) and the page cache
 * (lib/front/page-cache.ts).
 */
import { sessionCookieValue } from "../auth/session-cookie";
import { createPageCacheInterceptor } from "../front/page-cache-interceptor";
import { forgetSession } from "../auth/session-memo";
import { createBellFastPath, isUnreadCountPoll } from "../notifications/bell-fast-path";
import { createLocalUnreadCounts, type LocalUnreadCounts } from "../notifications/local-unread-counts";
import { getConfig } from "../config";
import { createRedis, getRedis } from "../redis";
import { exitWithParent } from "./exit-with-parent";
import { interceptNextServer } from "./intercept-next-server";

exitWithParent();

const SIGN_OUT_PATH = "/api/auth/sign-out";
// The local copy of counts subscribes on first use: a server that never sees a poll opens nothing.
let localCounts: LocalUnreadCounts | undefined;
const local = () => {
  if (!localCounts) {
    const subscriber = createRedis({ url: getConfig().REDIS_URL, role: "subscriber" });
    subscriber.on("error", () => {
      // Reconnects by itself; while down, polls read Redis through the route.
    });
    localCounts = createLocalUnreadCounts({ subscriber });
  }
  return localCounts;
};
const bell = createBellFastPath({ redis: getRedis, local });

interceptNextServer([
  { matches: isUnreadCountPoll, handle: bell },
  {
    // Not answered here: a sign-out only makes the session memo forget the cookie at once, then
    // goes on to Better-Auth.
    matches: (req) => req.method === "POST" && req.url?.split("?")[0] === SIGN_OUT_PATH,
    handle: async (req) => {
      const cookie = sessionCookieValue(req.headers.cookie);
      if (cookie) forgetSession(cookie);
      return false;
    },
  },
  createPageCacheInterceptor(),
]);
