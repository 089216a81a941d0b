import type { Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
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

  /** Writes the final state of the message. */
  async finish(outcome: RunOutcome): Promise<void> {
    await partialSaver(this.db).remove(this);
    const { usage } = outcome;
    try {
      await this.db.message.update({
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
      });
    } catch (error) {
      console.error(`saving message ${this.messageId} failed:`, error instanceof Error ? error.message : error);
    }
  }
}
