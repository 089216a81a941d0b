-- An admin-set cap on the output tokens a run of this configuration may ask for.
-- NULL keeps the deployment's default (RUN_MAX_TOKENS_CAP), so existing rows are unchanged.
BEGIN;
ALTER TABLE "llm_manager_configurations" ADD COLUMN "max_tokens_cap" INTEGER;
COMMIT;
