import { describe, expect, it } from "vitest";
import { relayBatches, STREAM_END, type ItemVerdict } from "@/lib/llm/relay-batches";
import type { LlmEvent } from "@/lib/llm/types";

type Item = { text?: string; verdict?: ItemVerdict };

/** Batches as a body would give them, noting how many were read and whether reading was closed early. */
function source(batches: Item[][]) {
  const seen = { read: 0, closed: false };
  async function* generate(): AsyncGenerator<Item[]> {
    try {
      for (const batch of batches) {
        seen.read += 1;
        yield batch;
      }
    } finally {
      seen.closed = seen.read < batches.length;
    }
  }
  return { batches: generate(), seen };
}

const readItem = (item: Item, events: LlmEvent[]): ItemVerdict => {
  if (item.text) events.push({ type: "text-delta", text: item.text });
  return item.verdict ?? null;
};

async function drain(batches: AsyncIterable<Item[]>): Promise<{ events: LlmEvent[]; returned: boolean }> {
  const events: LlmEvent[] = [];
  const iterator = relayBatches(batches, readItem);
  for (;;) {
    const step = await iterator.next();
    if (step.done) return { events, returned: step.value };
    events.push(step.value);
  }
}

describe("relayBatches", () => {
  it("yields one merged delta per batch and returns false when the body just ends", async () => {
    const { batches } = source([[{ text: "Hel" }, { text: "lo" }], [{ text: " world" }]]);
    expect(await drain(batches)).toEqual({
      events: [
        { type: "text-delta", text: "Hello" },
        { type: "text-delta", text: " world" },
      ],
      returned: false,
    });
  });

  it("stops at the stream's end: later items and batches are not read, and the body is released", async () => {
    const { batches, seen } = source([
      [{ text: "a" }, { verdict: STREAM_END }, { text: "after the end" }],
      [{ text: "never" }],
    ]);
    expect(await drain(batches)).toEqual({ events: [{ type: "text-delta", text: "a" }], returned: false });
    expect(seen).toEqual({ read: 1, closed: true });
  });

  it("yields an item's own last event after the batch's text, and returns true", async () => {
    const failure: LlmEvent = { type: "error", error: { code: "upstream_error", message: "boom" } };
    const { batches, seen } = source([
      [{ text: "x" }, { text: "y", verdict: failure }, { text: "z" }],
      [{ text: "never" }],
    ]);
    expect(await drain(batches)).toEqual({ events: [{ type: "text-delta", text: "xy" }, failure], returned: true });
    expect(seen.closed).toBe(true);
  });
});
