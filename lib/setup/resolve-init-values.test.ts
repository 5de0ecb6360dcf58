import { describe, expect, it } from "vitest";
import { maskUrl } from "./mask-url";
import { resolveInitValues, withInitDefaults } from "./resolve-init-values";

describe("resolveInitValues", () => {
  it("flags win over the environment; the rest is missing", () => {
    const { known, missing } = resolveInitValues({
      flags: { port: "4000", siteUrl: "https://a.example/" },
      env: { PORT: "5000", REDIS_URL: "redis://cache:6379", SITE_NAME: "" },
    });
    expect(known).toEqual({ port: 4000, siteUrl: "https://a.example", redisUrl: "redis://cache:6379" });
    expect(missing).toEqual(["siteName", "databaseUrl"]);
  });

  it("names the flag or the variable a bad value came from", () => {
    expect(() => resolveInitValues({ flags: { databaseUrl: "mysql://x" }, env: {} })).toThrow(/^--database-url must be a postgres/);
    expect(() => resolveInitValues({ flags: {}, env: { PORT: "0" } })).toThrow(/^PORT \(from the environment\) must be a port/);
    expect(() => resolveInitValues({ flags: { siteName: "a\tb" }, env: {} })).toThrow(/^--site-name must be a single line/);
  });
});

describe("withInitDefaults", () => {
  it("fills local defaults; the site URL follows the port", () => {
    expect(withInitDefaults({ port: 8080 })).toEqual({
      databaseUrl: "postgresql://postgres@127.0.0.1:5432/community_engine",
      redisUrl: "redis://127.0.0.1:6379",
      port: 8080,
      siteUrl: "http://localhost:8080",
      siteName: "Community Engine",
    });
  });
});

describe("maskUrl", () => {
  it("hides passwords only", () => {
    expect(maskUrl("postgresql://me:s3cret@db:5432/x")).toBe("postgresql://me:***@db:5432/x");
    expect(maskUrl("redis://:s3cret@cache:6379")).toBe("redis://:***@cache:6379");
    expect(maskUrl("redis://cache:6379")).toBe("redis://cache:6379");
    expect(maskUrl("not a url")).toBe("not a url");
  });
});
