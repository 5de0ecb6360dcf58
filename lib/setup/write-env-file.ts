import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors/app-error";

export type WriteEnvFileOptions = { file: string; content: string; force?: boolean };

/** `.env` holds the database password and the auth secret: owner read/write only. */
export const ENV_FILE_MODE = 0o600;

/** Refuses (exit 1) when the file exists and `--force` was not given. */
export function assertCanWriteEnvFile(options: { file: string; force?: boolean }): void {
  if (!options.force && existsSync(options.file)) {
    throw new AppError("VALIDATION_FAILED", `${options.file} already exists: use --force to overwrite it`);
  }
}

/**
 * Writes atomically with mode 0600 from the first byte: a temp file created 0600 in the same
 * folder, then renamed over the target, so the secret is never world-readable (not even for
 * an instant, whatever the umask) and a crash never leaves a half-written `.env`.
 */
export function writeEnvFile(options: WriteEnvFileOptions): void {
  assertCanWriteEnvFile(options);
  mkdirSync(path.dirname(options.file), { recursive: true });
  const temp = path.join(path.dirname(options.file), `.env.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = openSync(temp, "wx", ENV_FILE_MODE);
    try {
      writeSync(fd, options.content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, ENV_FILE_MODE); // the umask can only remove bits, but be explicit
    renameSync(temp, options.file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const mode = statSync(options.file).mode & 0o777;
  if (mode !== ENV_FILE_MODE) {
    throw new AppError("INTERNAL", `${options.file} has mode ${mode.toString(8)} instead of 600: fix it with chmod 600`);
  }
}
