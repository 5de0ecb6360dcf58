-- What schema.prisma cannot express. Folders ending in `_manual` are hand-written; the drift
-- test replays them on top of `prisma migrate diff`'s output (docs/migrations.md).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A vote is +1 or -1 on exactly one target.
ALTER TABLE "vote" ADD CONSTRAINT "vote_value_check" CHECK ("value" IN (-1, 1));
ALTER TABLE "vote" ADD CONSTRAINT "vote_one_target_check" CHECK (num_nonnulls("questionId", "answerId") = 1);

-- Reputation never shows below 1.
ALTER TABLE "user" ADD CONSTRAINT "user_reputation_check" CHECK ("reputation" >= 1);
ALTER TABLE "user" ADD CONSTRAINT "user_unread_count_check" CHECK ("unreadCount" >= 0);
ALTER TABLE "question" ADD CONSTRAINT "question_answer_count_check" CHECK ("answerCount" >= 0);

-- Full-text search: a generated, weighted tsvector (title A, body B) with its GIN index.
DROP INDEX "question_searchVector_idx";
ALTER TABLE "question" DROP COLUMN "searchVector";
ALTER TABLE "question" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', coalesce("title", '')), 'A') ||
  setweight(to_tsvector('english', coalesce("body", '')), 'B')
) STORED;
CREATE INDEX "question_searchVector_idx" ON "question" USING GIN ("searchVector");

-- Typo-tolerant tag suggestions.
CREATE INDEX "tag_name_trgm_idx" ON "tag" USING GIN ("name" gin_trgm_ops);

-- The bell's unread count and the outbox relay's scan read only these rows.
CREATE INDEX "notification_unread_idx" ON "notification" ("userId") WHERE "readAt" IS NULL;
CREATE INDEX "outbox_pending_idx" ON "outbox" ("createdAt") WHERE "status" <> 'done';

-- Public lists skip soft-deleted questions.
CREATE INDEX "question_live_created_idx" ON "question" ("createdAt" DESC, "id" DESC) WHERE "deletedAt" IS NULL;
