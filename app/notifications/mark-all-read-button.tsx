"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function MarkAllReadButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  async function markAll() {
    setPending(true);
    try {
      const response = await fetch("/api/v1/notifications/read", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ all: true }),
      });
      if (response.ok) {
        const { count } = (await response.json()) as { count: number };
        queryClient.setQueryData(["notifications", "unread-count"], count);
        void queryClient.invalidateQueries({ queryKey: ["notifications", "latest"] });
        router.refresh();
      }
    } finally {
      setPending(false);
    }
  }
  return (
    <button
      type="button"
      onClick={markAll}
      disabled={pending}
      data-testid="mark-all-read"
      className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-50"
    >
      Mark all read
    </button>
  );
}
