import type { Actor } from "../auth/actor";
import { AppError } from "../errors/app-error";

/**
 * Who is making an administrative change: a signed-in user (checked against their role), or
 * "cli" — an operator with shell access to the box and its DATABASE_URL, trusted by definition.
 */
export type Operator = Actor | "cli";

/** The AuditLog actorId for an operator (null = cli). */
export function operatorId(operator: Operator): string | null {
  return operator === "cli" ? null : operator.id;
}

/** Throws FORBIDDEN unless the operator is the CLI or a signed-in admin. */
export function assertAdmin(operator: Operator): void {
  if (operator !== "cli" && operator.role !== "admin") {
    throw new AppError("FORBIDDEN", "Only administrators can do that");
  }
}
