import type { DoctorCheck } from "./doctor-check";
import { configCheck } from "./checks/config-check";
import { failedJobsCheck } from "./checks/failed-jobs-check";
import { migrationsCheck } from "./checks/migrations-check";
import { outboxAgeCheck } from "./checks/outbox-age-check";
import { postgresCheck } from "./checks/postgres-check";
import { queueDepthCheck } from "./checks/queue-depth-check";
import { redisCheck } from "./checks/redis-check";
import { workerCheck } from "./checks/worker-check";
import { pluginsCheck } from "./checks/plugins-check";
import { integrityCheck } from "./checks/integrity-check";

/** The ordered base checks; features append theirs (a new array each call, so appending is safe). */
export function defaultDoctorChecks(options: { deep?: boolean } = {}): DoctorCheck[] {
  const checks = [configCheck, postgresCheck, migrationsCheck, redisCheck, workerCheck, queueDepthCheck, failedJobsCheck, outboxAgeCheck, pluginsCheck];
  // --deep: recompute every aggregate (slower: full scans).
  return options.deep ? [...checks, integrityCheck] : checks;
}
