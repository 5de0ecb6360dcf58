import { execa } from "execa";
import { AppError } from "../errors/app-error";

/**
 * Runs pg_dump / pg_restore and turns their failures into one readable line: a missing binary
 * says how to install it; a failed run shows the tool's last error line.
 */
export async function runPgTool(options: { tool: "pg_dump" | "pg_restore"; args: string[]; env: Record<string, string> }): Promise<void> {
  const result = await execa(options.tool, options.args, {
    env: options.env,
    extendEnv: true,
    reject: false,
    stdin: "ignore",
    all: true,
  });
  const code = (result as { code?: string }).code;
  if (code === "ENOENT") {
    throw new AppError(
      "VALIDATION_FAILED",
      `${options.tool} not found on PATH: install the PostgreSQL client tools matching your server (e.g. apt install postgresql-client)`,
    );
  }
  if (result.exitCode !== 0) {
    const lines = String(result.all ?? result.stderr ?? "").split("\n").map((line) => line.trim()).filter(Boolean);
    const lastError = lines.filter((line) => /error|fatal/i.test(line)).pop() ?? lines.pop() ?? `exit code ${result.exitCode}`;
    throw new AppError("INTERNAL", `${options.tool} failed: ${lastError}`);
  }
}
