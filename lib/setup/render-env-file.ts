import { AppError } from "../errors/app-error";

/** Characters dotenv reads literally without quotes (no spaces, `#`, quotes or `$`). */
const BARE = /^[\w.:/@%+\-?=&,~]*$/;

/**
 * One value as dotenv reads it back unchanged: bare when safe, else single quotes (literal),
 * else double quotes (no backslashes: dotenv expands `\n` there), else backticks.
 */
export function formatEnvValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new AppError("VALIDATION_FAILED", "A .env value must be a single line");
  if (BARE.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"') && !value.includes("\\")) return `"${value}"`;
  if (!value.includes("`")) return `\`${value}\``;
  throw new AppError("VALIDATION_FAILED", "A .env value cannot contain ', \" and ` all at once");
}

/**
 * Fills `{{NAME}}` placeholders of templates/env.template. Every placeholder must have a value
 * and every value a placeholder, so the template and `init` cannot drift apart silently.
 */
export function renderEnvFile(options: { template: string; values: Record<string, string> }): string {
  const used = new Set<string>();
  const rendered = options.template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_match, name: string) => {
    const value = options.values[name];
    if (value === undefined) throw new Error(`env template placeholder {{${name}}} has no value`);
    used.add(name);
    return formatEnvValue(value);
  });
  const unused = Object.keys(options.values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`env template has no placeholder for ${unused.join(", ")}`);
  return rendered;
}
