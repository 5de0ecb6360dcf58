import type { Command } from "commander";
import { registerUsersCommand } from "./commands/users";
import { registerAuditCommand } from "./commands/audit";
import { registerBackupCommands } from "./commands/backup";
import { registerStartCommand } from "./commands/start";
import { registerUpCommand } from "./commands/up";
import { registerInitCommand } from "./commands/init";
import { registerMigrateCommand } from "./commands/migrate";
import { registerAdminCommand } from "./commands/admin";
import { registerDoctorCommand } from "./commands/doctor";
import { registerSeedDemoCommand } from "./commands/seed-demo";
import { registerPluginsCommand } from "./commands/plugins";
import { registerWebhooksCommand } from "./commands/webhooks";

/** Every CLI command, in the order `--help` lists them. Each lives in cli/commands/<name>.ts. */
export function registerCommands(program: Command): void {
  void program;
  registerInitCommand(program);
  registerMigrateCommand(program);
  registerAdminCommand(program);
  registerDoctorCommand(program);
  registerStartCommand(program);
  registerUpCommand(program);
  registerUsersCommand(program);
  registerAuditCommand(program);
  registerBackupCommands(program);
  registerSeedDemoCommand(program);
  registerPluginsCommand(program);
  registerWebhooksCommand(program);
}
