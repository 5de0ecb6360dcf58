"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type Patch = { role?: string; banned?: boolean; banReason?: string | null };

/** PATCH /api/v1/admin/users/:id, then re-render the server table; returns an error message or null. */
async function patchUser(userId: string, body: Patch): Promise<string | null> {
  const response = await fetch(`/api/v1/admin/users/${encodeURIComponent(userId)}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.ok) return null;
  const json = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return json?.error?.message ?? `Request failed (${response.status})`;
}

export function RoleSelect({ userId, role, disabled }: { userId: string; role: string; disabled?: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function change(next: string) {
    setPending(true);
    setError(await patchUser(userId, { role: next }));
    setPending(false);
    router.refresh();
  }
  return (
    <span className="flex items-center gap-1">
      <select
        aria-label="Role"
        value={role}
        disabled={disabled || pending}
        onChange={(event) => void change(event.target.value)}
        className="rounded border border-slate-300 px-1 py-0.5 text-sm disabled:opacity-60"
      >
        <option value="user">user</option>
        <option value="moderator">moderator</option>
        <option value="admin">admin</option>
      </select>
      {error && <span role="alert" className="text-xs text-red-700">{error}</span>}
    </span>
  );
}

export function BanControl(props: { userId: string; username: string; banned: boolean; banExpires: string | null; disabled?: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(body: Patch) {
    setPending(true);
    const message = await patchUser(props.userId, body);
    setPending(false);
    setError(message);
    if (!message) {
      setOpen(false);
      setReason("");
      router.refresh();
    }
  }

  if (props.banned) {
    return (
      <span className="flex items-center gap-2">
        <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800">
          banned{props.banExpires ? ` until ${props.banExpires.slice(0, 10)}` : ""}
        </span>
        <button type="button" disabled={pending} onClick={() => void submit({ banned: false })} className="text-xs text-blue-700 hover:underline">
          Unban
        </button>
        {error && <span role="alert" className="text-xs text-red-700">{error}</span>}
      </span>
    );
  }
  if (props.disabled) return <span className="text-xs text-slate-500">active</span>;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="text-xs text-red-700 hover:underline">
        Ban…
      </button>
    );
  }
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(event) => {
        event.preventDefault();
        void submit({ banned: true, banReason: reason.trim() || null });
      }}
    >
      <input
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        placeholder="Reason (optional)"
        aria-label={`Reason for banning ${props.username}`}
        maxLength={500}
        className="w-40 rounded border border-slate-300 px-1 py-0.5 text-xs"
      />
      <button type="submit" disabled={pending} className="rounded bg-red-600 px-2 py-0.5 text-xs text-white disabled:opacity-60">
        Ban
      </button>
      <button type="button" onClick={() => setOpen(false)} className="text-xs text-slate-600">Cancel</button>
      {error && <span role="alert" className="text-xs text-red-700">{error}</span>}
    </form>
  );
}
