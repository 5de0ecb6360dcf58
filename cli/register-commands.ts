import type { Command } from "commander";
import { registerUsersCommand } from "./commands/users";
import { registerAuditCommand } from "./commands/audit";
import { registerBackupCommands } from "./commands/backup";
import { registerStartCommand } from "./commands/start";

/** Every CLI command, in the order `--help` lists them. Each lives in cli/commands/<name>.ts. */
export function registerCommands(program: Command): void {
  void program;
  registerStartCommand(program);
  registerUsersCommand(program);
  registerAuditCommand(program);
  registerBackupCommands(program);
}
