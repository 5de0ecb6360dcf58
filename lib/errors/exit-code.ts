import type { AppErrorCode } from "./app-error";

/** The one code -> CLI exit code map (API.md: 1 bad input/failure, 2 unreachable service, 3 not found). */
export const EXIT_CODE: Record<AppErrorCode, number> = {
  VALIDATION_FAILED: 1,
  UNAUTHENTICATED: 1,
  FORBIDDEN: 1,
  NOT_FOUND: 3,
  CONFLICT: 1,
  REJECTED_BY_PLUGIN: 1,
  RATE_LIMITED: 1,
  INTERNAL: 1,
  UNAVAILABLE: 2,
};
