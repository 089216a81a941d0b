-- Each connection test is kept, so the dashboard shows a configuration's last result and latency.
-- An index on messages by configuration and time serves the dashboard's "runs today".
-- Prisma runs a migration statement by statement, outside any transaction. BEGIN and COMMIT make a failed migration change nothing. (Prisma splits on semicolons, even inside comments: keep them out of comments.)
BEGIN;

-- CreateTable
CREATE TABLE "connection_tests" (
    "id" SERIAL NOT NULL,
    "configuration_id" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "first_token_latency_ms" INTEGER,
    "error_code" VARCHAR(64),
    "error_message" TEXT,
    "report" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connection_tests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "connection_tests_configuration_id_created_at_idx" ON "connection_tests"("configuration_id", "created_at");

-- CreateIndex
CREATE INDEX "messages_configuration_id_created_at_idx" ON "messages"("configuration_id", "created_at");

-- AddForeignKey
ALTER TABLE "connection_tests" ADD CONSTRAINT "connection_tests_configuration_id_fkey" FOREIGN KEY ("configuration_id") REFERENCES "llm_manager_configurations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

COMMIT;
