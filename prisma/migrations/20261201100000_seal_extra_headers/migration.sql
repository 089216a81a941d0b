-- Extra-header values become secrets, sealed like the API key. SQL cannot encrypt, so the values
-- stored in clear move to legacy_extra_headers, and the launcher seals them into extra_headers
-- (an array of name, sealed value and last four characters) at start, before serving, then clears them.
-- The audit log keeps markers only: old entries lose their header values here.
-- Prisma splits on semicolons, even inside comments: keep them out of comments.
BEGIN;

ALTER TABLE "llm_manager_configurations" RENAME COLUMN "extra_headers" TO "legacy_extra_headers";
ALTER TABLE "llm_manager_configurations" ALTER COLUMN "legacy_extra_headers" DROP NOT NULL;
ALTER TABLE "llm_manager_configurations" ALTER COLUMN "legacy_extra_headers" DROP DEFAULT;
UPDATE "llm_manager_configurations" SET "legacy_extra_headers" = NULL
WHERE jsonb_typeof("legacy_extra_headers") <> 'object' OR "legacy_extra_headers" = '{}'::jsonb;
ALTER TABLE "llm_manager_configurations" ADD COLUMN "extra_headers" JSONB NOT NULL DEFAULT '[]';

UPDATE "audit_logs" SET "changes" = jsonb_set("changes", '{extraHeaders}', jsonb_build_object(
  'from', CASE WHEN jsonb_typeof("changes" -> 'extraHeaders' -> 'from') = 'object'
    THEN COALESCE((SELECT jsonb_object_agg(entry.key, '"(set)"'::jsonb) FROM jsonb_each("changes" -> 'extraHeaders' -> 'from') AS entry), '{}'::jsonb)
    ELSE COALESCE("changes" -> 'extraHeaders' -> 'from', 'null'::jsonb) END,
  'to', CASE WHEN jsonb_typeof("changes" -> 'extraHeaders' -> 'to') = 'object'
    THEN COALESCE((SELECT jsonb_object_agg(entry.key, '"(set)"'::jsonb) FROM jsonb_each("changes" -> 'extraHeaders' -> 'to') AS entry), '{}'::jsonb)
    ELSE COALESCE("changes" -> 'extraHeaders' -> 'to', 'null'::jsonb) END))
WHERE jsonb_typeof("changes") = 'object' AND jsonb_typeof("changes" -> 'extraHeaders') = 'object';

COMMIT;
