"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { notificationHref, notificationText, type NotificationView } from "./notification-text";

const COUNT_KEY = ["notifications", "unread-count"] as const;
const LATEST_KEY = ["notifications", "latest"] as const;

/** The unread count, revalidated with If-None-Match so an idle poll is a bodiless 304. */
function useUnreadCount() {
  const etag = useRef<string | null>(null);
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: COUNT_KEY,
    queryFn: async (): Promise<number> => {
      const previous = queryClient.getQueryData<number>(COUNT_KEY);
      const response = await fetch("/api/v1/notifications/unread-count", {
        cache: "no-store",
        headers: etag.current && previous !== undefined ? { "if-none-match": etag.current } : {},
      });
      if (response.status === 304 && previous !== undefined) return previous;
      if (!response.ok) throw new Error(`unread-count: ${response.status}`);
      etag.current = response.headers.get("etag");
      return ((await response.json()) as { count: number }).count;
    },
    refetchInterval: 15_000,
    // Hidden tab: no polling; coming back refetches at once.
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
}

async function postRead(body: { all: true } | { ids: string[] }): Promise<number> {
  const response = await fetch("/api/v1/notifications/read", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`mark read: ${response.status}`);
  return ((await response.json()) as { count: number }).count;
}

export function NotificationBell() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const { data: count = 0 } = useUnreadCount();
  const latest = useQuery({
    queryKey: LATEST_KEY,
    queryFn: async (): Promise<NotificationView[]> => {
      const response = await fetch("/api/v1/notifications?limit=10", { cache: "no-store" });
      if (!response.ok) throw new Error(`notifications: ${response.status}`);
      return ((await response.json()) as { items: NotificationView[] }).items;
    },
    enabled: open,
    staleTime: 0,
  });
  const markRead = useMutation({
    mutationFn: postRead,
    onSuccess: (left) => {
      queryClient.setQueryData(COUNT_KEY, left);
      void queryClient.invalidateQueries({ queryKey: LATEST_KEY });
    },
  });
  const items = latest.data ?? [];

  return (
    <DropdownMenu.Root open={open} onOpenChange={setOpen}>
      <DropdownMenu.Trigger asChild>
        <button
          type="button"
          className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          aria-label={count > 0 ? `Notifications: ${count} unread` : "Notifications"}
          data-testid="bell"
        >
          <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8}>
            <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
            <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" />
          </svg>
          <span
            data-testid="bell-count"
            className={
              count > 0
                ? "absolute -right-1 -top-1 min-w-[1.1rem] rounded-full bg-red-600 px-1 text-center text-[0.65rem] font-semibold leading-[1.1rem] text-white"
                : "sr-only"
            }
          >
            {count > 99 ? "99+" : count}
          </span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 w-80 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg"
          data-testid="bell-menu"
        >
          <div className="flex items-center justify-between px-2 py-1.5">
            <span className="font-medium text-slate-800">Notifications</span>
            <button
              type="button"
              data-testid="mark-all-read"
              disabled={markRead.isPending || count === 0}
              onClick={() => markRead.mutate({ all: true })}
              className="text-xs text-blue-700 hover:underline disabled:text-slate-400 disabled:no-underline"
            >
              Mark all read
            </button>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          {latest.isLoading ? (
            <p className="px-2 py-3 text-slate-500">Loading…</p>
          ) : items.length === 0 ? (
            <p className="px-2 py-3 text-slate-500">Nothing yet.</p>
          ) : (
            items.map((item) => (
              <DropdownMenu.Item key={item.id} asChild>
                <Link
                  href={notificationHref(item)}
                  data-testid="bell-item"
                  onClick={() => {
                    if (!item.read) markRead.mutate({ ids: [item.id] });
                  }}
                  className={`block rounded px-2 py-1.5 outline-none hover:bg-slate-50 focus:bg-slate-100 ${item.read ? "text-slate-500" : "font-medium text-slate-900"}`}
                >
                  {notificationText(item)}
                </Link>
              </DropdownMenu.Item>
            ))
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item asChild>
            <Link href="/notifications" className="block rounded px-2 py-1.5 text-blue-700 outline-none hover:bg-slate-50 focus:bg-slate-100">
              All notifications
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
