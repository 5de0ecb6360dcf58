import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseDotenv } from "dotenv";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { formatEnvValue, renderEnvFile } from "./render-env-file";

const TEMPLATE = readFileSync(path.resolve(import.meta.dirname, "../../templates/env.template"), "utf8");

describe("formatEnvValue", () => {
  it("round-trips through dotenv whatever the characters", () => {
    for (const value of ["plain", "postgresql://u:p@h:5432/d?sslmode=require&x=1", "My #1 site", "it's", `say "hi"`, `it's "odd"`, "a\\b", "$HOME", ""]) {
      expect(parseDotenv(`V=${formatEnvValue(value)}\n`).V, value).toBe(value);
    }
  });

  it("refuses what cannot be written on one line", () => {
    expect(() => formatEnvValue("two\nlines")).toThrow(/single line/);
    expect(() => formatEnvValue(`'"\``)).toThrow();
  });
});

describe("renderEnvFile", () => {
  const values = {
    DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/community_engine",
    REDIS_URL: "redis://127.0.0.1:6379",
    BETTER_AUTH_SECRET: "a".repeat(43),
    SITE_URL: "http://localhost:3000",
    SITE_NAME: "Ask #1",
    PORT: "3000",
  };

  it("fills the shipped template into a config the app accepts", () => {
    const parsed = parseDotenv(renderEnvFile({ template: TEMPLATE, values }));
    expect(parsed).toEqual(values);
    expect(parseConfig(parsed).SITE_NAME).toBe("Ask #1");
  });

  it("fails loudly when the template and the values drift apart", () => {
    expect(() => renderEnvFile({ template: TEMPLATE, values: { ...values, EXTRA: "x" } })).toThrow(/EXTRA/);
    const { PORT: _port, ...withoutPort } = values;
    expect(() => renderEnvFile({ template: TEMPLATE, values: withoutPort })).toThrow(/PORT/);
  });
});
