import { readFile } from "node:fs/promises";
import { z } from "zod";
import { AppError } from "../errors/app-error";

/** The sidecar `<dump>.manifest.json` written next to every backup (pg_dump's archive can't hold extra files). */
export const BACKUP_MANIFEST_SCHEMA = z.object({
  format: z.literal("community-engine-backup"),
  formatVersion: z.literal(1),
  appVersion: z.string(),
  lastMigration: z.string().nullable(),
  createdAt: z.string(),
  database: z.string(),
  dumpFile: z.string(),
  dumpBytes: z.number().int(),
  dumpSha256: z.string(),
  counts: z.record(z.string(), z.number().int()),
});

export type BackupManifest = z.infer<typeof BACKUP_MANIFEST_SCHEMA>;

export function manifestPathFor(dumpFile: string): string {
  return `${dumpFile}.manifest.json`;
}

/** Reads a dump's manifest; null when there is none (a plain pg_dump file still restores). */
export async function readBackupManifest(dumpFile: string): Promise<BackupManifest | null> {
  let text: string;
  try {
    text = await readFile(manifestPathFor(dumpFile), "utf8");
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = BACKUP_MANIFEST_SCHEMA.safeParse(json);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", `${manifestPathFor(dumpFile)} is not a Community Engine backup manifest`);
  return parsed.data;
}
