import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { getActor } from "../api/_lib/session";
import { MarkAllReadButton } from "./mark-all-read-button";
import { notificationHref, notificationText } from "../components/notification-text";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 30;

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string; unread?: string }>;
}) {
  const actor = await getActor({ headers: await headers() });
  if (!actor) redirect("/sign-in?next=/notifications");
  const { cursor, unread } = await searchParams;
  const unreadOnly = unread === "1";
  const page = await listNotifications({
    db: getDb(),
    userId: actor.id,
    cursor: cursor && /^\d{1,19}$/.test(cursor) ? cursor : null,
    unreadOnly,
    limit: PAGE_SIZE,
  });
  const filter = unreadOnly ? "&unread=1" : "";

  return (
    <section>
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-semibold">Notifications</h1>
        <nav className="flex gap-3 text-sm" aria-label="Filter">
          <Link href="/notifications" className={unreadOnly ? "text-slate-600" : "font-medium text-slate-900"}>All</Link>
          <Link href="/notifications?unread=1" className={unreadOnly ? "font-medium text-slate-900" : "text-slate-600"}>Unread</Link>
        </nav>
        <div className="ml-auto">
          <MarkAllReadButton />
        </div>
      </div>
      {page.items.length === 0 ? (
        <p className="mt-6 text-slate-600">{cursor ? "No older notifications." : "No notifications yet."}</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white" data-testid="notification-list">
          {page.items.map((item) => (
            <li key={item.id} className="flex items-baseline gap-3 px-4 py-3">
              {!item.read && <span className="h-2 w-2 shrink-0 rounded-full bg-blue-600" aria-label="unread" />}
              <Link href={notificationHref(item)} className={item.read ? "text-slate-600" : "font-medium text-slate-900"}>
                {notificationText(item)}
              </Link>
              <time className="ml-auto shrink-0 text-xs text-slate-500" dateTime={item.createdAt}>
                {new Date(item.createdAt).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" })}
              </time>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-4 flex gap-4 text-sm">
        {cursor && <Link href={`/notifications${unreadOnly ? "?unread=1" : ""}`} className="text-blue-700 hover:underline">← Newest</Link>}
        {page.nextCursor && (
          <Link href={`/notifications?cursor=${page.nextCursor}${filter}`} className="text-blue-700 hover:underline" data-testid="older">
            Older →
          </Link>
        )}
      </div>
    </section>
  );
}
