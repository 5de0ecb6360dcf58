"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { SiteSettings } from "@/lib/settings/site-settings";

export function SettingsForm({ initial }: { initial: SiteSettings }) {
  const router = useRouter();
  const [siteName, setSiteName] = useState(initial.siteName);
  const [siteDescription, setSiteDescription] = useState(initial.siteDescription);
  const [registrationOpen, setRegistrationOpen] = useState(initial.registrationOpen);
  const [domains, setDomains] = useState(initial.blockedEmailDomains.join("\n"));
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setStatus(null);
    const response = await fetch("/api/v1/admin/settings", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        siteName,
        siteDescription,
        registrationOpen,
        blockedEmailDomains: domains.split(/[\s,]+/).filter(Boolean),
      }),
    });
    const json = (await response.json().catch(() => null)) as
      | (SiteSettings & { error?: undefined })
      | { error: { message: string; fields?: Record<string, string> } }
      | null;
    setPending(false);
    if (response.ok && json && !json.error) {
      setDomains(json.blockedEmailDomains.join("\n"));
      setStatus({ ok: true, message: "Saved." });
      router.refresh();
    } else {
      const fields = json?.error?.fields ? Object.entries(json.error.fields).map(([k, v]) => `${k} ${v}`).join("; ") : "";
      setStatus({ ok: false, message: fields || json?.error?.message || `Save failed (${response.status})` });
    }
  }

  return (
    <form onSubmit={save} className="max-w-xl space-y-4 text-sm" data-testid="settings-form">
      <label className="block">
        <span className="font-medium">Site name</span>
        <input value={siteName} onChange={(e) => setSiteName(e.target.value)} maxLength={80} required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5" />
      </label>
      <label className="block">
        <span className="font-medium">Description</span>
        <textarea value={siteDescription} onChange={(e) => setSiteDescription(e.target.value)} maxLength={500} rows={3} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5" />
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={registrationOpen} onChange={(e) => setRegistrationOpen(e.target.checked)} />
        <span className="font-medium">Registration open</span>
        <span className="text-slate-500">(when closed, only the CLI can create accounts)</span>
      </label>
      <label className="block">
        <span className="font-medium">Blocked sign-up email domains</span>
        <span className="block text-slate-500">One per line; subdomains are blocked too.</span>
        <textarea value={domains} onChange={(e) => setDomains(e.target.value)} rows={6} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono" />
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-blue-600 px-4 py-1.5 font-medium text-white hover:bg-blue-700 disabled:opacity-60">
          Save
        </button>
        {status && (
          <span role="status" className={status.ok ? "text-green-700" : "text-red-700"}>
            {status.message}
          </span>
        )}
      </div>
    </form>
  );
}
