import type { Env } from "../config";
import { defaultSiteUrl, INIT_DEFAULTS } from "./init-defaults";
import { INIT_FIELDS, type InitField, type InitValues, parseInitField } from "./init-values";

export type InitFlags = { [F in InitField]?: string | number };

/** Prompt order: what a first-time user is asked, most important first. */
export const INIT_FIELD_ORDER: InitField[] = ["siteName", "databaseUrl", "redisUrl", "port", "siteUrl"];

/**
 * Flags win over environment variables; both are validated here (a bad one throws the CLI's
 * one line). Returns what is known and what is still missing, for prompts or defaults.
 */
export function resolveInitValues(options: { flags: InitFlags; env: Env }): { known: Partial<InitValues>; missing: InitField[] } {
  const known: Partial<InitValues> = {};
  const set = <F extends InitField>(field: F, value: InitValues[F]) => {
    known[field] = value;
  };
  for (const field of INIT_FIELD_ORDER) {
    const flag = options.flags[field];
    const fromEnv = options.env[INIT_FIELDS[field].env];
    if (flag !== undefined) set(field, parseInitField(field, String(flag), "flag"));
    else if (fromEnv !== undefined && fromEnv !== "") set(field, parseInitField(field, fromEnv, "env"));
  }
  return { known, missing: INIT_FIELD_ORDER.filter((field) => known[field] === undefined) };
}

/** `--yes`/non-TTY: local defaults for whatever is missing (the site URL follows the port). */
export function withInitDefaults(known: Partial<InitValues>): InitValues {
  const port = known.port ?? INIT_DEFAULTS.port;
  return {
    databaseUrl: known.databaseUrl ?? INIT_DEFAULTS.databaseUrl,
    redisUrl: known.redisUrl ?? INIT_DEFAULTS.redisUrl,
    port,
    siteUrl: known.siteUrl ?? defaultSiteUrl(port),
    siteName: known.siteName ?? INIT_DEFAULTS.siteName,
  };
}
