"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { NotificationBell } from "./notification-bell";
import { useMe } from "./use-me";

export function UserMenu() {
  const { data: me, isLoading } = useMe();
  const queryClient = useQueryClient();
  if (isLoading) return <span className="h-5 w-24" aria-hidden />;
  if (!me) {
    return (
      <>
        <Link href="/sign-in" className="text-sm text-slate-700 hover:text-slate-900">Sign in</Link>
        <Link href="/sign-up" className="text-sm text-slate-700 hover:text-slate-900">Sign up</Link>
      </>
    );
  }
  async function signOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await queryClient.invalidateQueries();
    window.location.href = "/";
  }
  return (
    <>
      <NotificationBell />
      <Link href={`/users/${me.username}`} className="text-sm font-medium text-slate-800" data-testid="me-link">
        {me.username} <span className="text-slate-500">· {me.reputation}</span>
      </Link>
      <button type="button" onClick={signOut} className="text-sm text-slate-600 hover:text-slate-900">
        Sign out
      </button>
    </>
  );
}
