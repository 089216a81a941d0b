import type { MessageStore, TimelineEntry } from "@/lib/db/messages";
import { errorMessage } from "@/lib/errors";
import { partialSaver, type PartialSource } from "@/lib/runs/partial-saves";
import type { UsageReport } from "@/lib/contracts/run-events";

// PostgreSQL text cannot hold U+0000 and a lone surrogate cannot be encoded: a provider reply
// carrying either would otherwise fail to save. Both become U+FFFD in the record only.
function storable(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD").toWellFormed();
}

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
    private readonly store: MessageStore,
    readonly messageId: number,
    private readonly startedAt: number,
  ) {
    partialSaver(store).add(this);
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

  takeChanges(): { content: string; reasoning: string | null } | null {
    if (!this.dirty) return null;
    this.dirty = false;
    return { content: this.content, reasoning: this.reasoning || null };
  }

  markUnsaved(): void {
    this.dirty = true;
  }

  /** Writes the final state of the message; when that fails, ends it as unsaved instead. */
  async finish(outcome: RunOutcome): Promise<void> {
    await partialSaver(this.store).remove(this);
    const { usage } = outcome;
    try {
      await this.store.finishMessage({
        messageId: this.messageId,
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
        timeline: this.timeline,
      });
    } catch (error) {
      console.error(`saving message ${this.messageId} failed:`, errorMessage(error));
      await this.store
        .markMessageUnsaved(this.messageId)
        .catch((fallbackError: unknown) =>
          console.error(`marking message ${this.messageId} unsaved failed too:`, errorMessage(fallbackError)),
        );
    }
  }
}
