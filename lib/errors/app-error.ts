/**
 * The one error type of the domain. Codes are a closed list (API.md); edges map them to an
 * HTTP status (lib/errors/http-status.ts) or a CLI exit code (lib/errors/exit-code.ts).
 */
export const APP_ERROR_CODES = [
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "REJECTED_BY_PLUGIN",
  "UNAVAILABLE",
  "INTERNAL",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export type AppErrorDetails = {
  /** Field name -> message, for VALIDATION_FAILED. */
  fields?: Record<string, string>;
  /** Seconds, for RATE_LIMITED. */
  retryAfter?: number;
  /** Plugin name, for REJECTED_BY_PLUGIN. */
  plugin?: string;
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetails;

  constructor(code: AppErrorCode, message: string, details: AppErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  static is(error: unknown): error is AppError {
    return error instanceof AppError;
  }
}
