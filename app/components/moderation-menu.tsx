"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMe } from "./use-me";

type QuestionProps = {
  target: "question";
  id: number;
  closed: boolean;
  locked: boolean;
  deleted: boolean;
};
type AnswerProps = { target: "answer"; id: number; deleted: boolean };
export type ModerationMenuProps = QuestionProps | AnswerProps;

type Action = "close" | "reopen" | "lock" | "unlock" | "delete" | "undelete";

const CLOSE_REASONS = ["duplicate", "off-topic", "needs details or clarity", "opinion-based", "spam or abuse"];

/**
 * Close/reopen, lock/unlock and delete/undelete for moderators and admins; renders nothing for
 * anyone else (the API refuses them anyway). Calls POST /api/v1/{questions|answers}/:id/moderation
 * and re-renders the server page.
 */
export function ModerationMenu(props: ModerationMenuProps) {
  const { data: me } = useMe();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState(CLOSE_REASONS[1]);
  const [duplicateOf, setDuplicateOf] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me || (me.role !== "moderator" && me.role !== "admin")) return null;

  async function run(action: Action, extra: { reason?: string; duplicateOfId?: number } = {}) {
    setPending(true);
    setError(null);
    const response = await fetch(`/api/v1/${props.target === "question" ? "questions" : "answers"}/${props.id}/moderation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action, ...extra }),
    });
    setPending(false);
    if (!response.ok) {
      const json = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(json?.error?.message ?? `Failed (${response.status})`);
      return;
    }
    setClosing(false);
    // The answer list is client-fetched (React Query); the rest of the page is server-rendered.
    void queryClient.invalidateQueries({ queryKey: ["answers"] });
    router.refresh();
  }

  const items: Array<{ action: Action; label: string; danger?: boolean }> = [];
  if (props.target === "question") {
    items.push(props.closed ? { action: "reopen", label: "Reopen" } : { action: "close", label: "Close…" });
    items.push(props.locked ? { action: "unlock", label: "Unlock" } : { action: "lock", label: "Lock" });
  }
  items.push(props.deleted ? { action: "undelete", label: "Undelete" } : { action: "delete", label: "Delete", danger: true });

  return (
    <div className="relative inline-flex flex-col items-end text-sm" data-testid={`moderation-${props.target}-${props.id}`}>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <button type="button" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100">
            Moderate ▾
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-36 rounded-md border border-slate-200 bg-white py-1 shadow-md">
            {items.map((item) => (
              <DropdownMenu.Item
                key={item.action}
                onSelect={() => {
                  if (item.action === "close") setClosing(true);
                  else if (item.action !== "delete" || window.confirm(`Delete this ${props.target}?`)) void run(item.action);
                }}
                className={`cursor-pointer px-3 py-1.5 outline-none data-[highlighted]:bg-slate-100 ${item.danger ? "text-red-700" : "text-slate-800"}`}
              >
                {item.label}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {closing && (
        <form
          className="mt-2 flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white p-2"
          onSubmit={(event) => {
            event.preventDefault();
            const duplicateOfId = reason === "duplicate" ? Number.parseInt(duplicateOf, 10) : undefined;
            void run("close", { reason, ...(duplicateOfId ? { duplicateOfId } : {}) });
          }}
        >
          <select value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Close reason" className="rounded border border-slate-300 px-1 py-0.5 text-xs">
            {CLOSE_REASONS.map((r) => (
              <option key={r} value={r}>{r}</option>
            ))}
          </select>
          {reason === "duplicate" && (
            <input
              value={duplicateOf}
              onChange={(e) => setDuplicateOf(e.target.value.replace(/\D/g, ""))}
              placeholder="Original question #"
              aria-label="Original question id"
              required
              inputMode="numeric"
              className="w-36 rounded border border-slate-300 px-1 py-0.5 text-xs"
            />
          )}
          <button type="submit" disabled={pending} className="rounded bg-amber-600 px-2 py-0.5 text-xs text-white disabled:opacity-60">
            Close question
          </button>
          <button type="button" onClick={() => setClosing(false)} className="text-xs text-slate-600">Cancel</button>
        </form>
      )}
      {error && <p role="alert" className="mt-1 text-xs text-red-700">{error}</p>}
    </div>
  );
}
