"use client";

import { useState } from "react";
import { apiFetch } from "./api-fetch";

/** Textarea with a server-rendered (sanitised) preview tab. */
export function MarkdownEditor({ name, value, onChange, label, error, rows = 8 }: { name: string; value: string; onChange: (v: string) => void; label: string; error?: string; rows?: number }) {
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [html, setHtml] = useState("");
  async function showPreview() {
    setTab("preview");
    if (!value.trim()) {
      setHtml('<p class="text-slate-400">Nothing to preview yet.</p>');
      return;
    }
    try {
      setHtml((await apiFetch<{ html: string }>("/api/v1/markdown/preview", { body: { source: value } })).html);
    } catch {
      setHtml("<p>Preview unavailable.</p>");
    }
  }
  const tabClass = (active: boolean) => `px-3 py-1 text-sm ${active ? "border-b-2 border-blue-600 font-medium" : "text-slate-500"}`;
  return (
    <div>
      <div className="flex items-center gap-2 border-b border-slate-200" role="tablist">
        <span className="mr-auto text-sm font-medium">{label}</span>
        <button type="button" role="tab" aria-selected={tab === "write"} className={tabClass(tab === "write")} onClick={() => setTab("write")}>Write</button>
        <button type="button" role="tab" aria-selected={tab === "preview"} className={tabClass(tab === "preview")} onClick={showPreview} data-testid="preview-tab">Preview</button>
      </div>
      {tab === "write" ? (
        <textarea name={name} aria-label={label} aria-invalid={Boolean(error)} aria-describedby={error ? `${name}-error` : undefined} value={value} onChange={(e) => onChange(e.target.value)} rows={rows} className="mt-2 w-full rounded-md border border-slate-300 bg-white p-3 font-mono text-sm" />
      ) : (
        <div className="prose-ce mt-2 min-h-24 rounded-md border border-slate-200 bg-white p-3" data-testid="preview" dangerouslySetInnerHTML={{ __html: html }} />
      )}
      {error ? <p id={`${name}-error`} className="mt-1 text-sm text-red-600">{error}</p> : null}
    </div>
  );
}
