import { z } from "zod";
import { poolOf, type Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** A search that reads longer than this is stopped (PostgreSQL statement_timeout). */
const SEARCH_TIMEOUT_MS = 5_000;
/** More matching conversations than this is a search to narrow, not a list to page through. */
const SEARCH_MATCH_CAP = 10_000;

// Uncorrelated on purpose: each branch is a Bitmap Index Scan on its trigram index
// (conversations_title_trgm_idx, messages_content_trgm_idx). Prisma's `messages: { some }`
// becomes a correlated EXISTS under an OR, which the planner can only run as a scan of every
// message. $1 is the ILIKE pattern, $2 the cap plus one.
export const CONVERSATIONS_MATCHING_SQL = `
  SELECT id FROM conversations WHERE title ILIKE $1
  UNION
  SELECT conversation_id FROM messages WHERE content ILIKE $1
  LIMIT $2`;

const QUERY_CANCELED = "57014";
// pg_trgm can narrow a pattern down only by its trigrams.
const INDEXABLE_LENGTH = 3;
const matchRow = z.object({ id: z.number().int() });

/** `%text%` for ILIKE, with the text's own `%`, `_` and `\` matched literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The settings a search runs under (SET LOCAL, inside its transaction): the time limit, and,
 * when the text has a trigram, no sequential scans. The planner prices ILIKE on a long,
 * TOASTed message as cheaply as on a short one, so it would scan every message of a small or
 * medium table rather than ask the index; on a table it can only scan, it still may.
 */
export function searchSettings(search: string, timeoutMs = SEARCH_TIMEOUT_MS): string[] {
  const settings = [`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`];
  if (search.length >= INDEXABLE_LENGTH) settings.push("SET LOCAL enable_seqscan = off");
  return settings;
}

function isQueryCanceled(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === QUERY_CANCELED;
}

/**
 * Ids of the conversations whose title or any turn contains `search` (any case), read through
 * the trigram indexes within SEARCH_TIMEOUT_MS. Too slow a search is a 503 and too broad a
 * one a 400, each saying to search for something more specific.
 */
export async function conversationIdsMatching({
  db,
  search,
  timeoutMs = SEARCH_TIMEOUT_MS,
  matchCap = SEARCH_MATCH_CAP,
}: {
  db: Database;
  search: string;
  timeoutMs?: number;
  matchCap?: number;
}): Promise<number[]> {
  const client = await poolOf(db).connect();
  let rows: unknown[];
  try {
    await client.query("BEGIN");
    for (const setting of searchSettings(search, timeoutMs)) await client.query(setting);
    ({ rows } = await client.query(CONVERSATIONS_MATCHING_SQL, [containsPattern(search), matchCap + 1]));
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (isQueryCanceled(error)) {
      throw new AppError(
        "search_timeout",
        `Searching for "${search}" took longer than ${timeoutMs / 1000} s and was stopped. Search for a longer or more specific text (three characters or more can use the search index).`,
      );
    }
    throw error;
  } finally {
    client.release();
  }
  if (rows.length > matchCap) {
    throw new AppError(
      "invalid_params",
      `More than ${matchCap.toLocaleString("en-US")} conversations contain "${search}". Search for a longer or more specific text.`,
    );
  }
  return rows.map((row) => matchRow.parse(row).id);
}
