-- Each turn records its author, and each reply the random id of its run (not its sequential message id).
-- Existing user turns and replies are credited to their conversation's creator. Existing replies get
-- a random run id too, so a finished run still answers and its ownership stays checkable.
-- Prisma runs a migration statement by statement, outside any transaction. BEGIN and COMMIT make a failed migration change nothing. (Prisma splits on semicolons, even inside comments: keep them out of comments.)
BEGIN;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN "created_by_id" INTEGER,
ADD COLUMN "run_id" VARCHAR(32);

-- Backfill authors from the conversation's creator
UPDATE "messages" AS m SET "created_by_id" = c."created_by_id"
FROM "conversations" AS c
WHERE m."conversation_id" = c."id" AND m."role" IN ('user', 'assistant') AND c."created_by_id" IS NOT NULL;

-- Backfill run ids: base64url of 16 random bytes (a v4 UUID's), the format new runs use
UPDATE "messages" SET "run_id" = rtrim(translate(encode(uuid_send(gen_random_uuid()), 'base64'), '+/', '-_'), '=')
WHERE "role" = 'assistant';

-- CreateIndex
CREATE UNIQUE INDEX "messages_run_id_key" ON "messages"("run_id");

-- CreateIndex
CREATE INDEX "messages_created_by_id_idx" ON "messages"("created_by_id");

-- CreateIndex
CREATE INDEX "conversations_created_by_id_idx" ON "conversations"("created_by_id");

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

COMMIT;
