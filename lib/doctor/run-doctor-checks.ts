import { failureReason } from "../setup/failure-reason";
import type { DoctorCheck, DoctorCheckResult, DoctorOutcome } from "./doctor-check";
import type { DoctorContext } from "./doctor-context";

export type RunDoctorChecksOptions = {
  checks: DoctorCheck[];
  context: DoctorContext;
  /** Called as each check finishes, so lines appear one by one. */
  onOutcome?: (outcome: DoctorOutcome) => void;
  /** Bound on one check (a hung service must not hang the doctor). */
  checkTimeoutMs?: number;
};

/**
 * Runs the checks in order. A failure does not stop the run (Redis down must not hide the
 * state of Postgres); only checks that depend on a failed one are skipped.
 */
export async function runDoctorChecks(options: RunDoctorChecksOptions): Promise<DoctorOutcome[]> {
  const outcomes = new Map<string, DoctorOutcome>();
  for (const check of options.checks) {
    const blocker = (check.dependsOn ?? []).map((name) => outcomes.get(name)).find((outcome) => outcome && !outcome.ok);
    const outcome: DoctorOutcome = blocker
      ? { name: check.name, label: check.label, ok: false, skipped: true, detail: `skipped (${blocker.label} failed)` }
      : { name: check.name, label: check.label, skipped: false, ...(await runOne(check, options)) };
    outcomes.set(check.name, outcome);
    options.onOutcome?.(outcome);
  }
  return [...outcomes.values()];
}

async function runOne(check: DoctorCheck, options: RunDoctorChecksOptions): Promise<DoctorCheckResult> {
  const timeoutMs = check.timeoutMs ?? options.checkTimeoutMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DoctorCheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
  });
  try {
    return await Promise.race([check.run(options.context), timeout]);
  } catch (error) {
    return { ok: false, detail: failureReason(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** `✓ PostgreSQL: reachable …` / `✗ Redis: …` / `– Worker: skipped (Redis failed)`. */
export function formatDoctorOutcome(outcome: DoctorOutcome): string {
  const mark = outcome.ok ? "✓" : outcome.skipped ? "–" : "✗";
  return `${mark} ${outcome.label}: ${outcome.detail}`;
}
