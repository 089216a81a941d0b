import type { Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { UsageReport } from "@/lib/runs/run-events";

export const FLUSH_INTERVAL_MS = 2_000;

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
 * Saves a streaming reply beside the stream: text is buffered and written at most every
 * FLUSH_INTERVAL_MS, and once at the end — a few writes per run, never one per chunk. Writes
 * are chained, so the final one always lands last.
 */
export class RunRecorder {
  private content = "";
  private reasoning = "";
  private readonly timeline: TimelineEntry[] = [];
  private dirty = false;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly flushTimer: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly messageId: number,
    private readonly startedAt: number,
  ) {
    this.flushTimer = setInterval(() => this.flush(), FLUSH_INTERVAL_MS);
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

  private flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const data = { content: this.content, reasoning: this.reasoning || null };
    void this.enqueue(() => this.db.message.update({ where: { id: this.messageId }, data }));
  }

  private enqueue(write: () => Promise<unknown>): Promise<unknown> {
    this.writes = this.writes.then(write).catch((error: unknown) => {
      console.error(`saving message ${this.messageId} failed:`, error instanceof Error ? error.message : error);
    });
    return this.writes;
  }

  /** Writes the final state of the message. */
  async finish(outcome: RunOutcome): Promise<void> {
    clearInterval(this.flushTimer);
    const { usage } = outcome;
    await this.enqueue(() =>
      this.db.message.update({
        where: { id: this.messageId },
        data: {
          content: this.content,
          reasoning: this.reasoning || null,
          status: outcome.status,
          finishReason: outcome.finishReason,
          errorCode: outcome.errorCode ?? null,
          errorMessage: outcome.errorMessage ?? null,
          promptTokens: usage.promptTokens,
          completionTokens: usage.completionTokens,
          reasoningTokens: usage.reasoningTokens,
          cachedTokens: usage.cachedTokens,
          estimatedTokens: outcome.estimatedTokens,
          usageSource: usage.source,
          ttftMs: outcome.ttftMs,
          durationMs: outcome.durationMs,
          timeline: this.timeline as unknown as Prisma.InputJsonValue,
          finishedAt: new Date(),
        },
      }),
    );
  }
}
