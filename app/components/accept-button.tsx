"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";

/** The asker's accept toggle. */
export function AcceptButton({ answerId, accepted, onDone }: { answerId: number; accepted: boolean; onDone: () => void }) {
  const mutation = useMutation({
    mutationFn: () => apiFetch<{ acceptedAnswerId: number | null }>(`/api/v1/answers/${answerId}/accept`, { body: {} }),
    onSuccess: onDone,
  });
  return (
    <button
      type="button"
      aria-pressed={accepted}
      aria-label={accepted ? "Unaccept this answer" : "Accept this answer"}
      onClick={() => mutation.mutate()}
      disabled={mutation.isPending}
      data-testid="accept-button"
      className={`flex h-9 w-9 items-center justify-center rounded-full border text-xl ${accepted ? "border-green-600 bg-green-600 text-white" : "border-slate-300 text-slate-400 hover:text-green-600"}`}
    >
      ✓
    </button>
  );
}
