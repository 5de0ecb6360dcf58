"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, apiFetch } from "../../components/api-fetch";

/** Enable/disable and edit a plugin's JSON config (validated server-side by the plugin's schema). */
export function PluginControls({ name, enabled, config }: { name: string; enabled: boolean; config: Record<string, unknown> }) {
  const router = useRouter();
  const [text, setText] = useState(JSON.stringify(config, null, 2));
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function save(body: { enabled?: boolean; config?: Record<string, unknown> }) {
    setPending(true);
    setMessage(null);
    try {
      await apiFetch(`/api/v1/admin/plugins/${encodeURIComponent(name)}`, { method: "PATCH", body });
      setMessage("Saved");
      router.refresh();
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : "Could not save");
    } finally {
      setPending(false);
    }
  }
  function saveConfig() {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return setMessage("Config must be valid JSON");
    }
    void save({ config: parsed as Record<string, unknown> });
  }
  return (
    <div className="mt-3 space-y-2">
      <button type="button" disabled={pending} onClick={() => save({ enabled: !enabled })} className="rounded-md border border-slate-300 px-3 py-1 text-sm" data-testid={`toggle-${name}`}>
        {enabled ? "Disable" : "Enable"}
      </button>
      <details>
        <summary className="cursor-pointer text-sm text-blue-700">Configure</summary>
        <textarea aria-label={`${name} config`} value={text} onChange={(e) => setText(e.target.value)} rows={8} className="mt-2 w-full rounded-md border border-slate-300 p-2 font-mono text-xs" />
        <button type="button" disabled={pending} onClick={saveConfig} className="rounded-md bg-blue-600 px-3 py-1 text-sm text-white">Save config</button>
      </details>
      {message ? <p role="status" className="text-sm text-slate-700">{message}</p> : null}
    </div>
  );
}
