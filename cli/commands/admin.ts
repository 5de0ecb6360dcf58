import { isCancel, password as passwordPrompt } from "@clack/prompts";
import type { Command } from "commander";
import { getConfig } from "../../lib/config";
import { getDb } from "../../lib/db";
import { AppError } from "../../lib/errors/app-error";
import { checkAdminPassword, parseAdminEmail, parseAdminPassword, parseAdminUsername } from "../../lib/users/admin-input";
import { createAdmin, type CreateAdminResult, generatePassword } from "../../lib/users/create-admin";

export type AdminCreateOptions = {
  email: string;
  username: string;
  password?: string;
  /** Prompt for the password (default: on a TTY). Otherwise one is generated and printed once. */
  interactive?: boolean;
  output?: (line: string) => void;
};

export type AdminCreateResult = CreateAdminResult & {
  /** Set when the password was generated: the only time it can be read. */
  generatedPassword?: string;
};

/** `community-engine admin create` (API.md): exit 0 created or promoted, 1 bad input. */
export function registerAdminCommand(program: Command): void {
  const admin = program.command("admin").description("Site administrators");
  admin
    .command("create")
    .description("Create an admin account, or promote the existing user with that e-mail or username")
    .requiredOption("--email <email>", "e-mail address (used to sign in)")
    .requiredOption("--username <name>", "3-30 letters, digits or underscores")
    .option("--password <password>", "8+ characters (default: asked on a TTY, else generated and printed once)")
    .action(async (options: AdminCreateOptions) => {
      try {
        await runAdminCreate(options);
      } finally {
        // createAdmin uses the process-wide client (Better-Auth is bound to it); let the CLI exit.
        await closeDb();
      }
    });
}

/**
 * Uses the process config (`.env` in the current directory + environment) through getDb() and
 * getAuth(); call `getDb().$disconnect()` when done if the process should exit.
 */
export async function runAdminCreate(options: AdminCreateOptions): Promise<AdminCreateResult> {
  const output = options.output ?? ((line: string) => process.stdout.write(`${line}\n`));
  const email = parseAdminEmail(options.email);
  const username = parseAdminUsername(options.username);
  const given = options.password === undefined ? undefined : parseAdminPassword(options.password);
  const interactive = options.interactive ?? Boolean(process.stdin.isTTY && process.stdout.isTTY);
  getConfig(); // a missing BETTER_AUTH_SECRET etc. fails here with parseConfig's one line

  let generatedPassword: string | undefined;
  const result = await createAdmin({
    db: getDb(),
    email,
    username,
    getPassword: async () => {
      if (given !== undefined) return given;
      if (interactive) return askPassword(username);
      generatedPassword = generatePassword();
      return generatedPassword;
    },
  });

  if (result.outcome === "already-admin") output(`✓ ${result.username} (${result.email}) is already an admin`);
  if (result.outcome === "promoted") output(`✓ promoted ${result.username} (${result.email}) to admin; password unchanged`);
  if (result.outcome === "created") {
    output(`✓ created admin ${result.username} (${result.email})`);
    if (generatedPassword) {
      output("Password (shown once; change it after signing in):");
      output(generatedPassword);
    }
  }
  return { ...result, generatedPassword };
}

async function askPassword(username: string): Promise<string> {
  const first = await passwordPrompt({
    message: `Password for ${username}`,
    validate: (value) => {
      const problem = checkAdminPassword(value);
      return problem ? `Password ${problem}` : undefined;
    },
  });
  if (isCancel(first)) throw new AppError("VALIDATION_FAILED", "Cancelled");
  const again = await passwordPrompt({ message: "Same password again" });
  if (isCancel(again)) throw new AppError("VALIDATION_FAILED", "Cancelled");
  if (again !== first) throw new AppError("VALIDATION_FAILED", "The passwords do not match");
  return first;
}

async function closeDb(): Promise<void> {
  try {
    await getDb().$disconnect();
  } catch {
    // the config was invalid, so no client was ever made
  }
}
