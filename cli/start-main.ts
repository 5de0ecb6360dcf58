/**
 * `community-engine start` without loading every other command. The supervisor stays resident
 * for as long as the site runs, so it loads only what supervising needs (~70 MB RSS instead of
 * ~135 MB with all commands' dependencies). Same behaviour as cli/main.ts for this command: one
 * line on stderr and the AppError's exit code on failure.
 */
import { Command, CommanderError } from "commander";
import { AppError } from "../lib/errors/app-error";
import { EXIT_CODE } from "../lib/errors/exit-code";
import { APP_VERSION } from "../lib/version";
import { registerStartCommand } from "./commands/start";

export async function startMain(argv: string[]): Promise<void> {
  const program = new Command()
    .name("community-engine")
    .version(APP_VERSION, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerStartCommand(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 1;
      return;
    }
    process.exitCode = error instanceof AppError ? EXIT_CODE[error.code] : 1;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`✗ ${message.split("\n")[0]}\n`);
    if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  }
}
