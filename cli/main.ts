import { Command, CommanderError } from "commander";
import { AppError } from "../lib/errors/app-error";
import { EXIT_CODE } from "../lib/errors/exit-code";
import { registerCommands } from "./register-commands";
import { APP_VERSION } from "../lib/version";

/** Builds the program; every command lives in cli/commands/<name>.ts. */
export function buildProgram(): Command {
  const program = new Command()
    .name("community-engine")
    .description("Self-hostable Q&A community: set up, migrate, run and administer a site.")
    .version(APP_VERSION, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerCommands(program);
  return program;
}

/** One place turns any failure into one line on stderr and an exit code (API.md). */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
    if (error instanceof CommanderError) return; // commander already printed usage/help
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`✗ ${message.split("\n")[0]}\n`);
    if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
  if (error instanceof AppError) return EXIT_CODE[error.code];
  return 1;
}
