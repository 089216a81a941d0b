// What the soak reads back from the app's database: the saved runs, and a fingerprint of every
// row the crash test must leave untouched.
import { withClient } from "../../lib/testing/database";

export type SavedRun = {
  id: number;
  runId: string;
  conversationId: number;
  status: string;
  content: string;
  errorCode: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  usageSource: string | null;
  finishedAt: Date | null;
};

/** The assistant messages of these runs, by run id. */
export function savedRuns(databaseUrl: string, runIds: string[]): Promise<Map<string, SavedRun>> {
  return withClient(databaseUrl, async (client) => {
    const result = await client.query<SavedRun>(
      `SELECT id, run_id AS "runId", conversation_id AS "conversationId", status::text AS status, content, error_code AS "errorCode", prompt_tokens AS "promptTokens",
              completion_tokens AS "completionTokens", usage_source AS "usageSource", finished_at AS "finishedAt"
         FROM messages WHERE run_id = ANY($1::varchar[]) AND role = 'assistant'`,
      [runIds],
    );
    return new Map(result.rows.map((row) => [row.runId, row]));
  });
}

export type ConversationShape = { conversations: number; malformed: number; streaming: number; fakeZeroUsage: number };

/** Over all conversations: how many lack exactly one user and one assistant message, replies left streaming, and usage 0 beside real text. */
export function conversationShape(databaseUrl: string): Promise<ConversationShape> {
  return withClient(databaseUrl, async (client) => {
    const shape = await client.query<{ conversations: string; malformed: string }>(
      `SELECT count(*) AS conversations,
              count(*) FILTER (WHERE users <> 1 OR assistants <> 1) AS malformed
         FROM (SELECT c.id, count(m.id) FILTER (WHERE m.role = 'user') AS users, count(m.id) FILTER (WHERE m.role = 'assistant') AS assistants
                 FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id GROUP BY c.id) per_conversation`,
    );
    const streaming = await client.query<{ count: string }>(`SELECT count(*) FROM messages WHERE status = 'streaming'`);
    const fakeZero = await client.query<{ count: string }>(
      `SELECT count(*) FROM messages WHERE role = 'assistant' AND (prompt_tokens = 0 OR (completion_tokens = 0 AND length(content) > 0) OR (completion_tokens IS NULL AND length(content) > 0))`,
    );
    return {
      conversations: Number(shape.rows[0]?.conversations ?? 0),
      malformed: Number(shape.rows[0]?.malformed ?? 0),
      streaming: Number(streaming.rows[0]?.count ?? 0),
      fakeZeroUsage: Number(fakeZero.rows[0]?.count ?? 0),
    };
  });
}

/** Waits until no reply is left streaming (runs dropped by their client finish a moment later). */
export async function waitUntilNoneStreaming(databaseUrl: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { streaming } = await conversationShape(databaseUrl);
    if (streaming === 0 || Date.now() > deadline) return streaming;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const FINGERPRINTED_TABLES = [
  "messages",
  "conversations",
  "llm_manager_configurations",
  "users",
  "api_tokens",
  "audit_logs",
] as const;

/** An md5 per table over every row except the given runs' replies (the crash test's live runs). */
export function fingerprint(databaseUrl: string, exceptRunIds: string[]): Promise<Record<string, string>> {
  return withClient(databaseUrl, async (client) => {
    const prints: Record<string, string> = {};
    for (const table of FINGERPRINTED_TABLES) {
      const filter = table === "messages" ? "WHERE run_id IS NULL OR NOT (run_id = ANY($1::varchar[]))" : "";
      // A sign-in updates last_used_at / last_sign_in_at: those columns are left out.
      const row =
        table === "api_tokens"
          ? "(t.id, t.name, t.token_hash, t.user_id, t.revoked_at)"
          : table === "users"
            ? "(t.id, t.email, t.role, t.active)"
            : "t";
      const result = await client.query<{ print: string | null }>(
        `SELECT md5(string_agg(${row}::text, '|' ORDER BY t.id)) AS print FROM ${table} t ${filter}`,
        table === "messages" ? [exceptRunIds] : [],
      );
      prints[table] = result.rows[0]?.print ?? "empty";
    }
    return prints;
  });
}
