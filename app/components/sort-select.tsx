"use client";

import * as Select from "@radix-ui/react-select";
import { useRouter } from "next/navigation";

const QUESTION_SORT_LABELS: Record<string, string> = { newest: "Newest", votes: "Most votes", active: "Recently active", unanswered: "Unanswered" };

export type SortSelectProps = {
  value: string;
  options?: Record<string, string>;
  /** The list's public URL path ("/", "/tags/x"): a page served through a rewrite can't read it. */
  basePath: string;
  /** The list's other query parameters (tag, q), kept when the sort changes; the cursor is dropped. */
  query?: Record<string, string | undefined>;
};

/**
 * Radix Select for the list's sort; navigates so the server renders the list. Without JS the
 * <noscript> links do the same. The URL comes from the server (props), not useSearchParams, so
 * the select renders into cached (ISR) pages instead of bailing out to the client.
 */
export function SortSelect({ value, options = QUESTION_SORT_LABELS, basePath, query = {} }: SortSelectProps) {
  const router = useRouter();
  const hrefFor = (sort: string) => {
    const next = new URLSearchParams();
    for (const [key, val] of Object.entries(query)) if (val && key !== "cursor" && key !== "sort") next.set(key, val);
    next.set("sort", sort);
    return `${basePath}?${next.toString()}`;
  };
  return (
    <>
      <noscript>
        <nav aria-label="Sort" className="flex gap-3 text-sm">
          {Object.entries(options).map(([key, label]) => (
            <a key={key} href={hrefFor(key)} aria-current={key === value ? "page" : undefined} className={key === value ? "font-semibold" : "text-blue-700"}>{label}</a>
          ))}
        </nav>
      </noscript>
      <Select.Root value={value} onValueChange={(sort) => router.push(hrefFor(sort))}>
        <Select.Trigger aria-label="Sort questions" className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" data-testid="sort-select">
          <Select.Value />
          <Select.Icon className="text-slate-500">▾</Select.Icon>
        </Select.Trigger>
        <Select.Portal>
          <Select.Content position="popper" sideOffset={4} className="z-50 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
            <Select.Viewport>
              {Object.entries(options).map(([key, label]) => (
                <Select.Item key={key} value={key} className="cursor-pointer rounded px-3 py-1.5 text-sm outline-none data-[highlighted]:bg-blue-50">
                  <Select.ItemText>{label}</Select.ItemText>
                </Select.Item>
              ))}
            </Select.Viewport>
          </Select.Content>
        </Select.Portal>
      </Select.Root>
    </>
  );
}
