import { mergeDeltas } from "@/lib/llm/merge-deltas";
import type { LlmEvent } from "@/lib/llm/types";

/** An item that marks the stream's regular end (OpenAI's `[DONE]`, Anthropic's `message_stop`). */
export const STREAM_END = Symbol("stream end");

/** What one item decided: read on (null), the stream ended, or this event is its last word (a failure, Ollama's finish). */
export type ItemVerdict = null | typeof STREAM_END | LlmEvent;

/**
 * A provider's events, read a batch at a time (the items of one network read, read-body.ts):
 * `readItem` turns each item into events, a batch's deltas leave merged into one, and reading
 * stops at the first item that ends the stream; the body is then released. Returns true when
 * that was an event of `readItem`'s own, already yielded: the stream's outcome is known.
 */
export async function* relayBatches<T>(
  batches: AsyncIterable<T[]>,
  readItem: (item: T, events: LlmEvent[]) => ItemVerdict,
): AsyncGenerator<LlmEvent, boolean> {
  for await (const items of batches) {
    const events: LlmEvent[] = [];
    let verdict: ItemVerdict = null;
    for (const item of items) {
      verdict = readItem(item, events);
      if (verdict !== null) break;
    }
    yield* mergeDeltas(events);
    if (verdict === STREAM_END) return false;
    if (verdict !== null) {
      yield verdict;
      return true;
    }
  }
  return false;
}
