import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** Links tags to a question (creating unknown tags) and counts them, inside the caller's transaction. */
export async function attachTags(options: { tx: Tx; questionId: number; names: string[] }): Promise<void> {
  if (options.names.length === 0) return;
  const tags = await options.tx.$queryRaw<Array<{ id: number }>>`
    INSERT INTO "tag" ("name", "questionCount")
    SELECT unnest(${options.names}::text[]), 1
    ON CONFLICT ("name") DO UPDATE SET "questionCount" = "tag"."questionCount" + 1
    RETURNING "id"`;
  await options.tx.questionTag.createMany({
    data: tags.map((tag) => ({ questionId: options.questionId, tagId: tag.id })),
    skipDuplicates: true,
  });
}

/** Unlinks tags from a question and uncounts them. */
export async function detachTags(options: { tx: Tx; questionId: number; names: string[] }): Promise<void> {
  if (options.names.length === 0) return;
  const tags = await options.tx.tag.findMany({ where: { name: { in: options.names } }, select: { id: true } });
  const ids = tags.map((tag) => tag.id);
  await options.tx.questionTag.deleteMany({ where: { questionId: options.questionId, tagId: { in: ids } } });
  await options.tx.tag.updateMany({ where: { id: { in: ids } }, data: { questionCount: { decrement: 1 } } });
}
