import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "./errors/app-error";
import { type Env, parseConfig, readEnv } from "./config";

const FULL: Env = {
  DATABASE_URL: "postgresql://app:secret@db.internal:5432/community",
  REDIS_URL: "rediss://cache.internal:6380",
  BETTER_AUTH_SECRET: "0123456789abcdef0123456789abcdef",
  SITE_URL: "https://ask.example.org",
  SITE_NAME: "Ask Example",
  PORT: "8080",
  PLUGINS: "ce-plugin-a, ce-plugin-b",
  MIGRATE_ON_START: "true",
};

function failure(env: Env): AppError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("parseConfig accepted invalid config");
}

describe("parseConfig", () => {
  it("accepts a full environment, with types and defaults", () => {
    expect(parseConfig(FULL)).toMatchObject({
      DATABASE_URL: FULL.DATABASE_URL,
      REDIS_URL: FULL.REDIS_URL,
      SITE_URL: "https://ask.example.org",
      SITE_NAME: "Ask Example",
      PORT: 8080,
      PLUGINS: ["ce-plugin-a", "ce-plugin-b"],
      MIGRATE_ON_START: true,
      RATE_LIMITS_DISABLED: false,
      REDIS_PREFIX: "ce",
      LOG_LEVEL: "info",
    });
  });

  it("a missing DATABASE_URL names the variable and how to fix it (empty counts as missing)", () => {
    for (const value of [undefined, ""]) {
      const error = failure({ ...FULL, DATABASE_URL: value });
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.message).toMatch(/^DATABASE_URL is required/);
      expect(error.message).toContain("community-engine init");
      expect(error.details.fields).toHaveProperty("DATABASE_URL");
    }
  });

  it("rejects a REDIS_URL with another protocol", () => {
    const error = failure({ ...FULL, REDIS_URL: "http://127.0.0.1:6379" });
    expect(error.message).toMatch(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
  });

  it("rejects a short BETTER_AUTH_SECRET", () => {
    const error = failure({ ...FULL, BETTER_AUTH_SECRET: "too-short" });
    expect(error.message).toMatch(/^BETTER_AUTH_SECRET must be at least 32 characters/);
  });

  it("rejects a port out of range or not a number", () => {
    for (const port of ["0", "65536", "http"]) {
      expect(failure({ ...FULL, PORT: port }).message, port).toMatch(/^PORT must be a port number between 1 and 65535/);
    }
    expect(parseConfig({ ...FULL, PORT: "65535" }).PORT).toBe(65535);
  });
});

describe("readEnv", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ce-config-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads .env in the directory, and real environment variables override it", () => {
    writeFileSync(path.join(dir, ".env"), "PORT=4000\nSITE_NAME='From file'\nREDIS_URL=redis://file:6379\n");
    const env = readEnv({ cwd: dir, env: { PORT: "5000", DATABASE_URL: FULL.DATABASE_URL } });
    expect(env).toMatchObject({ PORT: "5000", SITE_NAME: "From file", REDIS_URL: "redis://file:6379", DATABASE_URL: FULL.DATABASE_URL });
    expect(parseConfig({ ...env, BETTER_AUTH_SECRET: FULL.BETTER_AUTH_SECRET }).PORT).toBe(5000);
  });

  it("without a .env, uses the environment only", () => {
    const empty = mkdtempSync(path.join(dir, "empty-"));
    expect(readEnv({ cwd: empty, env: { PORT: "1" } })).toEqual({ PORT: "1" });
  });
});
