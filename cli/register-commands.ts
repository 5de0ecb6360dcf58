import type { Command } from "commander";

/** Every CLI command, in the order `--help` lists them. Each lives in cli/commands/<name>.ts. */
export function registerCommands(program: Command): void {
  void program;
}
