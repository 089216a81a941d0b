-- Imported conversations are marked (imported_at), so a file's claimed history never looks like a run made here.
-- Search (ILIKE over titles and turns) gets trigram GIN indexes. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension since PostgreSQL 13, so the database owner may create it.
-- Building the message index reads every message once: on a large database this migration takes a while and blocks writes to messages meanwhile.
-- Prisma runs a migration statement by statement, outside any transaction. BEGIN and COMMIT make a failed migration change nothing. (Keep semicolons out of comments.)
BEGIN;

CREATE EXTENSION IF NOT EXISTS "pg_trgm";

ALTER TABLE "conversations" ADD COLUMN "imported_at" TIMESTAMP(3);

CREATE INDEX "conversations_title_trgm_idx" ON "conversations" USING GIN ("title" gin_trgm_ops);

CREATE INDEX "messages_content_trgm_idx" ON "messages" USING GIN ("content" gin_trgm_ops);

COMMIT;
