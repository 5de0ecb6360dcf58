"use client";

import * as Select from "@radix-ui/react-select";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

const QUESTION_SORT_LABELS: Record<string, string> = { newest: "Newest", votes: "Most votes", active: "Recently active", unanswered: "Unanswered" };

/**
 * Radix Select for the list's sort; navigates so the server renders the list. Without JS the
 * <noscript> links do the same.
 */
export function SortSelect({ value, options = QUESTION_SORT_LABELS }: { value: string; options?: Record<string, string> }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const hrefFor = (sort: string) => {
    const next = new URLSearchParams(params.toString());
    next.set("sort", sort);
    next.delete("cursor");
    return `${pathname}?${next.toString()}`;
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
