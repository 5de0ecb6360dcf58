import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";

/** A Prisma transaction client or the plain client: audit rows are written in the change's transaction. */
export type AuditTx = Prisma.TransactionClient | Db;

export type WriteAuditLogOptions = {
  tx: AuditTx;
  /** The acting user's id; null when the change came from the CLI (an operator on the box). */
  actorId: string | null;
  /** Dotted verb, e.g. `user.ban`, `question.close`, `settings.update`. */
  action: string;
  targetType: "user" | "question" | "answer" | "settings";
  targetId: string | number;
  details?: Prisma.InputJsonObject;
};

/** Appends one audit row. Written inside the same transaction as the change it describes. */
export async function writeAuditLog(options: WriteAuditLogOptions): Promise<void> {
  await options.tx.auditLog.create({
    data: {
      actorId: options.actorId,
      action: options.action,
      targetType: options.targetType,
      targetId: String(options.targetId),
      details: options.details ?? undefined,
    },
  });
}
