-- Google Gemini joins the providers. ADD VALUE keeps every existing row and its enum value as is.
-- Prisma runs a migration statement by statement, outside any transaction. BEGIN and COMMIT make a failed migration change nothing. (Prisma splits on semicolons, even inside comments: keep them out of comments.)
BEGIN;

ALTER TYPE "Provider" ADD VALUE 'gemini' AFTER 'openrouter';

COMMIT;
