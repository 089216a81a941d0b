// A run's writes to its assistant message, straight to pg (lib/db/sql.ts): they run for every
// run, and Prisma's query engine costs several times pg's own CPU per statement.
import type { Database } from "@/lib/db/client";
import { execute } from "@/lib/db/sql";

/** One timeline entry: [ms since the run started, characters, 1 when it was reasoning]. */
export type TimelineEntry = [number, number] | [number, number, 1];

/** The final state of an assistant message. */
export type FinishedMessage = {
  messageId: number;
  content: string;
  reasoning: string | null;
  status: "complete" | "aborted" | "error";
  finishReason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  reasoningTokens: number | null;
  cachedTokens: number | null;
  estimatedTokens: number;
  usageSource: "provider" | "estimate";
  ttftMs: number | null;
  durationMs: number;
  timeline: TimelineEntry[];
};

/** The text so far of a reply that is still streaming. */
export type PartialText = { messageId: number; content: string; reasoning: string | null };

/** What a run needs to save its reply; RunRecorder and the partial saver take it, so tests can fake it. */
export type MessageStore = {
  finishMessage(message: FinishedMessage): Promise<void>;
  markMessageUnsaved(messageId: number): Promise<void>;
  savePartialTexts(texts: PartialText[]): Promise<void>;
};

const FINISH_MESSAGE = `
  UPDATE messages SET content = $1, reasoning = $2, status = $3::"MessageStatus",
    finish_reason = $4, error_code = $5, error_message = $6,
    prompt_tokens = $7::int, completion_tokens = $8::int, reasoning_tokens = $9::int,
    cached_tokens = $10::int, estimated_tokens = $11::int, usage_source = $12,
    ttft_ms = $13::int, duration_ms = $14::int, timeline = $15::jsonb, finished_at = now()
  WHERE id = $16::int`;

/** Writes the final state of a message. */
async function finishMessage({ db, message }: { db: Database; message: FinishedMessage }): Promise<void> {
  await execute(db, FINISH_MESSAGE, [
    message.content,
    message.reasoning,
    message.status,
    message.finishReason,
    message.errorCode,
    message.errorMessage,
    message.promptTokens,
    message.completionTokens,
    message.reasoningTokens,
    message.cachedTokens,
    message.estimatedTokens,
    message.usageSource,
    message.ttftMs,
    message.durationMs,
    JSON.stringify(message.timeline),
    message.messageId,
  ]);
}

// When the full final save fails, the reply must still not stay `streaming` for ever: it ends as
// an error, keeping the text of the last partial save.
const MARK_UNSAVED = `
  UPDATE messages SET status = 'error'::"MessageStatus", error_code = 'save_failed',
    error_message = 'The reply could not be saved in full; the text below is what was saved before that.', finished_at = now()
  WHERE id = $1::int AND status = 'streaming'`;

/** Ends a still-streaming message as `save_failed`, keeping its last partially saved text. */
async function markMessageUnsaved({ db, messageId }: { db: Database; messageId: number }): Promise<void> {
  await execute(db, MARK_UNSAVED, [messageId]);
}

// One UPDATE for every reply that grew; it never touches a message that is no longer
// `streaming`, so a late partial save cannot overwrite a final one.
const SAVE_PARTIAL_TEXTS = `
  UPDATE messages AS m SET content = v.content, reasoning = v.reasoning
  FROM unnest($1::int[], $2::text[], $3::text[]) AS v (id, content, reasoning)
  WHERE m.id = v.id AND m.status = 'streaming'`;

/** Saves the text so far of several streaming replies in one statement. */
async function savePartialTexts({ db, texts }: { db: Database; texts: PartialText[] }): Promise<void> {
  await execute(db, SAVE_PARTIAL_TEXTS, [
    texts.map((text) => text.messageId),
    texts.map((text) => text.content),
    texts.map((text) => text.reasoning),
  ]);
}

const stores = new WeakMap<Database, MessageStore>();

/** The message store on one client; the same object for the same client (the partial saver keys on it). */
export function messageStoreOf(db: Database): MessageStore {
  let store = stores.get(db);
  if (!store) {
    store = {
      finishMessage: (message) => finishMessage({ db, message }),
      markMessageUnsaved: (messageId) => markMessageUnsaved({ db, messageId }),
      savePartialTexts: (texts) => savePartialTexts({ db, texts }),
    };
    stores.set(db, store);
  }
  return store;
}
