"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState, type KeyboardEvent } from "react";
import { apiFetch } from "./api-fetch";

/** Tag entry with suggestions (prefix and typo-tolerant, from GET /api/v1/tags?q=). */
export function TagInput({ tags, onChange, error }: { tags: string[]; onChange: (tags: string[]) => void; error?: string }) {
  const [text, setText] = useState("");
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim().toLowerCase()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const suggestions = useQuery({
    queryKey: ["tag-suggestions", debounced],
    queryFn: () => apiFetch<{ items: Array<{ name: string; questionCount: number }> }>(`/api/v1/tags?q=${encodeURIComponent(debounced)}&limit=8`),
    enabled: debounced.length > 0,
  });
  function add(name: string) {
    const tag = name.trim().toLowerCase();
    if (tag && !tags.includes(tag) && tags.length < 5) onChange([...tags, tag]);
    setText("");
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === "," || event.key === " ") {
      event.preventDefault();
      add(text);
    } else if (event.key === "Backspace" && !text && tags.length) {
      onChange(tags.slice(0, -1));
    }
  }
  return (
    <div>
      <label className="block text-sm font-medium" htmlFor="tag-input">Tags <span className="font-normal text-slate-500">(1–5)</span></label>
      <div className="mt-1 flex flex-wrap items-center gap-2 rounded-md border border-slate-300 bg-white px-2 py-1.5">
        {tags.map((tag) => (
          <span key={tag} className="flex items-center gap-1 rounded bg-blue-50 px-2 py-0.5 text-xs text-blue-800">
            {tag}
            <button type="button" aria-label={`Remove ${tag}`} onClick={() => onChange(tags.filter((t) => t !== tag))}>×</button>
          </span>
        ))}
        <input id="tag-input" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} onBlur={() => text && add(text)} className="min-w-32 flex-1 py-1 text-sm outline-none" placeholder={tags.length < 5 ? "e.g. javascript" : ""} data-testid="tag-input" />
      </div>
      {debounced && suggestions.data?.items.length ? (
        <ul className="mt-1 flex flex-wrap gap-2" aria-label="Tag suggestions">
          {suggestions.data.items.filter((s) => !tags.includes(s.name)).map((s) => (
            <li key={s.name}><button type="button" className="rounded border border-slate-200 px-2 py-0.5 text-xs hover:bg-slate-100" onMouseDown={(e) => e.preventDefault()} onClick={() => add(s.name)}>{s.name} <span className="text-slate-400">×{s.questionCount}</span></button></li>
          ))}
        </ul>
      ) : null}
      {error ? <p className="mt-1 text-sm text-red-600">{error}</p> : null}
    </div>
  );
}
