import type { DoctorContext } from "./doctor-context";

export type DoctorCheckResult = { ok: boolean; detail: string };

/**
 * One line of `community-engine doctor`. Later features append their own (queue depth, failed
 * jobs, outbox age, plugins, integrity) to defaultDoctorChecks().
 */
export type DoctorCheck = {
  /** Stable id other checks name in `dependsOn`, e.g. "postgres". */
  name: string;
  /** Shown before the detail, e.g. "PostgreSQL". */
  label: string;
  /** Checks that must pass first; when one did not, this one is skipped (its answer would be noise). */
  dependsOn?: string[];
  /** Overrides the default per-check time limit (15 s), for checks that scan whole tables. */
  timeoutMs?: number;
  run(context: DoctorContext): Promise<DoctorCheckResult>;
};

export type DoctorOutcome = DoctorCheckResult & { name: string; label: string; skipped: boolean };
