import type { Db } from "../db";

export type ListAuditLogOptions = {
  db: Db;
  limit?: number;
  /** Only rows with an id below this (keyset pagination, newest first). */
  beforeId?: bigint | null;
};

export type AuditEntry = {
  id: string;
  /** "cli" when the change came from the terminal, else the acting user's username. */
  actor: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details: unknown;
  createdAt: Date;
};

/** The newest audit rows first. */
export async function listAuditLog(options: ListAuditLogOptions): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const rows = await options.db.auditLog.findMany({
    where: options.beforeId ? { id: { lt: options.beforeId } } : undefined,
    orderBy: { id: "desc" },
    take: limit,
    include: { actor: { select: { username: true } } },
  });
  return rows.map((row) => ({
    id: row.id.toString(),
    actor: row.actorId === null ? "cli" : (row.actor?.username ?? `deleted:${row.actorId}`),
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: row.details,
    createdAt: row.createdAt,
  }));
}
