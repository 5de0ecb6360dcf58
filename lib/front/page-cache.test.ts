import { beforeEach, describe, expect, it } from "vitest";
import { ENTRY_TTL_MS, getPage, invalidatePages, pageCacheGeneration, putPage } from "./page-cache";

const page = (text: string, bytes = text.length) => ({ status: 200, headers: { "content-type": "text/html" }, body: Buffer.alloc(bytes, text) });

describe("page cache", () => {
  beforeEach(() => invalidatePages("all"));

  it("keeps a page for ENTRY_TTL_MS, then drops it", () => {
    expect(putPage("/questions/1", page("a"), pageCacheGeneration(), 1_000)).toBe(true);
    expect(getPage("/questions/1", 1_000 + ENTRY_TTL_MS - 1)?.body.toString()).toBe("a");
    expect(getPage("/questions/1", 1_000 + ENTRY_TTL_MS)).toBeNull();
  });

  it("drops one question's pages (any slug), or everything", () => {
    const generation = pageCacheGeneration();
    for (const url of ["/questions/1", "/questions/1/some-slug", "/questions/12", "/"]) putPage(url, page(url), generation);
    invalidatePages({ questionId: 1 });
    expect(getPage("/questions/1")).toBeNull();
    expect(getPage("/questions/1/some-slug")).toBeNull();
    expect(getPage("/questions/12")).not.toBeNull();
    expect(getPage("/")).not.toBeNull();
    invalidatePages("all");
    expect(getPage("/questions/12")).toBeNull();
    expect(getPage("/")).toBeNull();
  });

  it("refuses a response rendered before a write invalidated the cache", () => {
    const before = pageCacheGeneration();
    invalidatePages({ questionId: 7 });
    expect(putPage("/questions/7", page("old"), before)).toBe(false);
    expect(getPage("/questions/7")).toBeNull();
  });

  it("stays within its memory budget, evicting the oldest pages", () => {
    const generation = pageCacheGeneration();
    const mb = 1024 * 1024;
    for (let i = 0; i < 40; i++) putPage(`/questions/${i}`, page("x", mb), generation);
    expect(getPage("/questions/0")).toBeNull();
    expect(getPage("/questions/39")).not.toBeNull();
    const kept = Array.from({ length: 40 }, (_, i) => getPage(`/questions/${i}`)).filter(Boolean).length;
    expect(kept).toBeLessThanOrEqual(32);
  });
});
