import type { Database } from "@/lib/db/client";
import { execute } from "@/lib/db/sql";
import { partialSaver, type PartialSource, type PartialText } from "@/lib/runs/partial-saves";
import type { TimelineEntry } from "@/lib/contracts/conversations";
import type { UsageReport } from "@/lib/contracts/run-events";

// PostgreSQL text cannot hold U+0000 and a lone surrogate cannot be encoded: a provider reply
// carrying either would otherwise fail to save. Both become U+FFFD in the record only.
function storable(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD").toWellFormed();
}

const FINISH_MESSAGE = `
  UPDATE messages SET content = $1, reasoning = $2, status = $3::"MessageStatus",
    finish_reason = $4, error_code = $5, error_message = $6,
    prompt_tokens = $7::int, completion_tokens = $8::int, reasoning_tokens = $9::int,
    cached_tokens = $10::int, estimated_tokens = $11::int, usage_source = $12,
    ttft_ms = $13::int, duration_ms = $14::int, timeline = $15::jsonb, finished_at = now()
  WHERE id = $16::int`;

// When the full final save fails, the reply must still not stay `streaming` for ever: it ends as
// an error, keeping the text of the last partial save.
const FINISH_UNSAVED = `
  UPDATE messages SET status = 'error'::"MessageStatus", error_code = 'save_failed',
    error_message = 'The reply could not be saved in full; the text below is what was saved before that.', finished_at = now()
  WHERE id = $1::int AND status = 'streaming'`;

export type RunOutcome = {
  status: "complete" | "aborted" | "error";
  finishReason: string | null;
  usage: UsageReport;
  estimatedTokens: number;
  ttftMs: number | null;
  durationMs: number;
  errorCode?: string;
  errorMessage?: string;
};

/**
 * Saves a streaming reply beside the stream: the text so far with every other streaming reply,
 * in one statement per SAVE_INTERVAL_MS (partial-saves.ts), and the final state once at the
 * end, after any partial save that may include it — never one write per chunk.
 */
export class RunRecorder implements PartialSource {
  private content = "";
  private reasoning = "";
  private readonly timeline: TimelineEntry[] = [];
  private dirty = false;

  constructor(
    private readonly db: Database,
    readonly messageId: number,
    private readonly startedAt: number,
  ) {
    partialSaver(db).add(this);
  }

  get text(): string {
    return this.content;
  }

  appendText(text: string, now: number): void {
    this.content += storable(text);
    this.timeline.push([Math.round(now - this.startedAt), text.length]);
    this.dirty = true;
  }

  appendReasoning(text: string, now: number): void {
    this.reasoning += storable(text);
    this.timeline.push([Math.round(now - this.startedAt), text.length, 1]);
    this.dirty = true;
  }

  takeChanges(): PartialText | null {
    if (!this.dirty) return null;
    this.dirty = false;
    return { content: this.content, reasoning: this.reasoning || null };
  }

  markUnsaved(): void {
    this.dirty = true;
  }

  /**
   * Writes the final state of the message, straight to pg (lib/db/sql.ts): this runs once for
   * every run, and Prisma's query engine costs several times pg's own CPU per statement.
   */
  async finish(outcome: RunOutcome): Promise<void> {
    await partialSaver(this.db).remove(this);
    const { usage } = outcome;
    try {
      await execute(this.db, FINISH_MESSAGE, [
        this.content,
        this.reasoning || null,
        outcome.status,
        outcome.finishReason,
        outcome.errorCode ?? null,
        outcome.errorMessage ?? null,
        usage.promptTokens,
        usage.completionTokens,
        usage.reasoningTokens,
        usage.cachedTokens,
        outcome.estimatedTokens,
        usage.source,
        outcome.ttftMs,
        outcome.durationMs,
        JSON.stringify(this.timeline),
        this.messageId,
      ]);
    } catch (error) {
      console.error(`saving message ${this.messageId} failed:`, error instanceof Error ? error.message : error);
      await execute(this.db, FINISH_UNSAVED, [this.messageId]).catch((fallbackError: unknown) =>
        console.error(
          `marking message ${this.messageId} unsaved failed too:`,
          fallbackError instanceof Error ? fallbackError.message : fallbackError,
        ),
      );
    }
  }
}
