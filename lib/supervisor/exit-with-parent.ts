import { SUPERVISOR_PID_ENV } from "./supervise-env";

/**
 * Children are detached (their own process group, so the supervisor can kill whole trees), which
 * also means nothing kills them if the supervisor itself is SIGKILLed or OOM-killed. Each child
 * therefore watches its parent: once reparented, it sends itself SIGTERM (a normal drain), and
 * exits regardless a bit later.
 */
export function exitWithParent(options: { intervalMs?: number; graceMs?: number } = {}): void {
  const parentPid = Number(process.env[SUPERVISOR_PID_ENV]);
  if (!Number.isInteger(parentPid) || parentPid <= 0) return;
  const timer = setInterval(() => {
    if (process.ppid === parentPid) return;
    clearInterval(timer);
    setTimeout(() => process.exit(1), options.graceMs ?? 15_000).unref();
    process.kill(process.pid, "SIGTERM");
  }, options.intervalMs ?? 1000);
  timer.unref();
}
