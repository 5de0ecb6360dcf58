"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";

/** The asker's accept toggle (accepting again un-accepts); a refusal shows its reason. */
export function AcceptButton({ answerId, accepted, onDone }: { answerId: number; accepted: boolean; onDone: () => void }) {
  const mutation = useMutation({
    mutationFn: () => apiFetch<{ acceptedAnswerId: number | null }>(`/api/v1/answers/${answerId}/accept`, { body: {} }),
    onSuccess: onDone,
  });
  return (
    <div className="relative">
      <button
        type="button"
        aria-pressed={accepted}
        aria-label={accepted ? "Unaccept this answer" : "Accept this answer"}
        title={accepted ? "Accepted (click to undo)" : "Accept this answer"}
        onClick={() => mutation.mutate()}
        disabled={mutation.isPending}
        data-testid="accept-button"
        className={`flex h-9 w-9 items-center justify-center rounded-full border text-xl focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60 ${accepted ? "border-green-600 bg-green-600 text-white" : "border-slate-300 bg-white text-slate-400 hover:border-green-600 hover:text-green-600"}`}
      >
        ✓
      </button>
      {mutation.error ? (
        <p role="alert" className="absolute left-0 top-full z-10 mt-1 w-52 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-700 shadow-sm">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
