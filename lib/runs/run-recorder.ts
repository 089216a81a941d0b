import type { Database } from "@/lib/db/client";
import { partialSaver, type PartialSource, type PartialText } from "@/lib/runs/partial-saves";
import type { UsageReport } from "@/lib/runs/run-events";

// PostgreSQL text cannot hold U+0000 and a lone surrogate cannot be encoded: a provider reply
// carrying either would otherwise fail to save. Both become U+FFFD in the record only.
function storable(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD").toWellFormed();
}

/** One timeline entry: [ms since the run started, characters, 1 when it was reasoning]. */
export type TimelineEntry = [number, number] | [number, number, 1];

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
   * Writes the final state of the message. Raw SQL: Prisma compiles each typed query anew (about
   * twice the CPU of a raw one), and this runs once for every run.
   */
  async finish(outcome: RunOutcome): Promise<void> {
    await partialSaver(this.db).remove(this);
    const { usage } = outcome;
    try {
      await this.db.$executeRaw`
        UPDATE messages SET content = ${this.content}, reasoning = ${this.reasoning || null}, status = ${outcome.status}::"MessageStatus",
          finish_reason = ${outcome.finishReason}, error_code = ${outcome.errorCode ?? null}, error_message = ${outcome.errorMessage ?? null},
          prompt_tokens = ${usage.promptTokens}, completion_tokens = ${usage.completionTokens}, reasoning_tokens = ${usage.reasoningTokens},
          cached_tokens = ${usage.cachedTokens}, estimated_tokens = ${outcome.estimatedTokens}, usage_source = ${usage.source},
          ttft_ms = ${outcome.ttftMs}, duration_ms = ${outcome.durationMs}, timeline = ${JSON.stringify(this.timeline)}::jsonb, finished_at = now()
        WHERE id = ${this.messageId}`;
    } catch (error) {
      console.error(`saving message ${this.messageId} failed:`, error instanceof Error ? error.message : error);
    }
  }
}
