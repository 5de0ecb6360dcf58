/**
 * A short reason from a driver error. Node reports a refused `localhost` (tried on ::1 and
 * 127.0.0.1) as an AggregateError with an empty message, so look inside it.
 */
export function failureReason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return failureReason(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error.message.split("\n")[0].trim();
    if (message) return message;
    if (code) return code;
  }
  return String(error) || "unknown error";
}
