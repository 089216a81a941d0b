-- The original system: provider configurations only, before OpenRouter existed.
-- Prisma runs a migration statement by statement, outside any transaction. BEGIN and COMMIT make a failed migration change nothing. (Prisma splits on semicolons, even inside comments: keep them out of comments.)
BEGIN;

-- CreateEnum
CREATE TYPE "Provider" AS ENUM ('ollama', 'openai', 'anthropic', 'local', 'custom');

-- CreateTable
CREATE TABLE "llm_manager_configurations" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(100) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "provider" "Provider" NOT NULL,
    "model" VARCHAR(200) NOT NULL,
    "base_url" VARCHAR(2048),
    "api_key_encrypted" TEXT,
    "api_key_last_four" VARCHAR(4),
    "default_params" JSONB NOT NULL DEFAULT '{}',
    "extra_headers" JSONB NOT NULL DEFAULT '{}',
    "first_token_timeout_ms" INTEGER NOT NULL DEFAULT 60000,
    "total_timeout_ms" INTEGER NOT NULL DEFAULT 600000,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "llm_manager_configurations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "llm_manager_configurations_slug_key" ON "llm_manager_configurations"("slug");

-- CreateIndex
CREATE INDEX "llm_manager_configurations_active_idx" ON "llm_manager_configurations"("active");

COMMIT;
