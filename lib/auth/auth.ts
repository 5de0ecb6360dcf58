import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { admin, username } from "better-auth/plugins";
import { getConfig } from "../config";
import { getDb } from "../db";
import { AppError } from "../errors/app-error";
import { addOutboxEvent } from "../outbox/add-outbox-event";
import { getPluginHost } from "../plugins/get-plugin-host";
import { checkRegistrationAllowed } from "../settings/check-registration-allowed";

export const USERNAME_PATTERN = /^[a-zA-Z0-9_]{3,30}$/;

function buildAuth() {
  const config = getConfig();
  const db = getDb();
  return betterAuth({
    appName: config.SITE_NAME,
    baseURL: config.SITE_URL,
    secret: config.BETTER_AUTH_SECRET,
    database: prismaAdapter(db, { provider: "postgresql" }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    // Sessions live in Postgres and are checked on every request, so a ban or a revoked
    // session takes effect on the very next request (no cookie cache).
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: { enabled: !config.RATE_LIMITS_DISABLED, window: 60, max: 300 },
    advanced: { cookiePrefix: "ce" },
    plugins: [
      username({
        minUsernameLength: 3,
        maxUsernameLength: 30,
        usernameValidator: (value) => USERNAME_PATTERN.test(value),
      }),
      admin({ defaultRole: "user", adminRoles: ["admin"] }),
    ],
    databaseHooks: {
      user: {
        create: {
          // The user row is committed by Better-Auth; the event is left in the outbox for the
          // worker's relay (a couple of seconds later). Not enqueued from here: this also runs
          // in short-lived CLI processes (`admin create`), which must not hold a Redis queue open.
          after: async (user) => {
            await addOutboxEvent({ tx: db, type: "user.registered", payload: { userId: user.id, username: (user as { username?: string }).username } });
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-up/email") {
          const body = ctx.body as { username?: unknown } | undefined;
          if (typeof body?.username !== "string" || !USERNAME_PATTERN.test(body.username)) {
            throw new APIError("BAD_REQUEST", {
              message: "username is required: 3-30 letters, digits or underscores",
            });
          }
          // Public sign-ups only (an HTTP request): operators creating users from the CLI are exempt.
          if (ctx.request) {
            const check = await checkRegistrationAllowed({ db, email: String((ctx.body as { email?: unknown }).email ?? "") });
            if (!check.allowed) throw new APIError("FORBIDDEN", { message: check.message });
            await runRegisterFilter(ctx.body as { email?: unknown; username?: unknown; name?: unknown });
          }
        }
        // API.md: sign-in/email accepts {username, password} as well as {email, password}.
        if (ctx.path === "/sign-in/email") {
          const body = ctx.body as { email?: unknown; username?: unknown } | undefined;
          if (!body?.email && typeof body?.username === "string") {
            const user = await db.user.findUnique({
              where: { username: body.username.toLowerCase() },
              select: { email: true },
            });
            return { context: { ...ctx, body: { ...body, email: user?.email ?? "unknown@invalid.invalid" } } };
          }
        }
      }),
    },
  });
}

/** Plugin filter `user.beforeRegister`: a rejection refuses the sign-up with the plugin's reason. */
async function runRegisterFilter(body: { email?: unknown; username?: unknown; name?: unknown }): Promise<void> {
  try {
    await getPluginHost().runFilter("user.beforeRegister", {
      email: String(body.email ?? ""),
      username: String(body.username ?? ""),
      name: String(body.name ?? ""),
    });
  } catch (error) {
    if (error instanceof AppError) {
      throw new APIError(error.code === "REJECTED_BY_PLUGIN" ? "UNPROCESSABLE_ENTITY" : "SERVICE_UNAVAILABLE", { message: error.message, code: error.code });
    }
    throw error;
  }
}

export type Auth = ReturnType<typeof buildAuth>;

const globalForAuth = globalThis as unknown as { ceAuth?: Auth };

/** The process-wide Better-Auth instance (built lazily: config is read at first use). */
export function getAuth(): Auth {
  globalForAuth.ceAuth ??= buildAuth();
  return globalForAuth.ceAuth;
}
