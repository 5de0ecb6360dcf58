import { group, text } from "@clack/prompts";
import { AppError } from "../lib/errors/app-error";
import { defaultSiteUrl, INIT_DEFAULTS } from "../lib/setup/init-defaults";
import { checkInitField, type InitField, type InitValues } from "../lib/setup/init-values";
import { withInitDefaults } from "../lib/setup/resolve-init-values";

const QUESTIONS: Record<InitField, string> = {
  siteName: "Site name",
  databaseUrl: "PostgreSQL URL",
  redisUrl: "Redis URL",
  port: "HTTP port",
  siteUrl: "Public URL of the site",
};

/**
 * One clack group asking only for what flags and the environment left open, each prefilled
 * with the local default and checked by the same pure validators as the flags.
 */
export async function promptInitValues(known: Partial<InitValues>): Promise<InitValues> {
  const ask = (field: InitField, initialValue: string) => () =>
    known[field] !== undefined
      ? undefined
      : text({
          message: QUESTIONS[field],
          initialValue,
          validate: (value) => {
            const check = checkInitField(field, value);
            return check.ok ? undefined : `${QUESTIONS[field]} ${check.message}`;
          },
        });

  const answers = await group(
    {
      siteName: ask("siteName", INIT_DEFAULTS.siteName),
      databaseUrl: ask("databaseUrl", INIT_DEFAULTS.databaseUrl),
      redisUrl: ask("redisUrl", INIT_DEFAULTS.redisUrl),
      port: ask("port", String(INIT_DEFAULTS.port)),
      siteUrl: ({ results }) =>
        ask("siteUrl", defaultSiteUrl(Number(results.port ?? known.port ?? INIT_DEFAULTS.port)))(),
    },
    {
      onCancel: () => {
        throw new AppError("VALIDATION_FAILED", "Cancelled");
      },
    },
  );

  const typed: Partial<InitValues> = { ...known };
  for (const field of Object.keys(QUESTIONS) as InitField[]) {
    const raw = answers[field] as string | undefined;
    if (raw === undefined) continue;
    const check = checkInitField(field, raw);
    if (check.ok) Object.assign(typed, { [field]: check.value });
  }
  return withInitDefaults(typed);
}
