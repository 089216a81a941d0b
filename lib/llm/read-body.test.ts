import { describe, expect, it } from "vitest";
import { bodyTextReads, ndjsonLineBatches, sseEventBatches } from "@/lib/llm/read-body";

/** A body that delivers exactly these reads, and records whether it was cancelled. */
function bodyOf(reads: (string | Uint8Array)[]): { body: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  const encoder = new TextEncoder();
  let cancelled = false;
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const read = reads[index++];
      if (read === undefined) controller.close();
      else controller.enqueue(typeof read === "string" ? encoder.encode(read) : read);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body, cancelled: () => cancelled };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("sseEventBatches", () => {
  it("groups the events each read completes, across CRLF, lone CR, comments and multi-line data", async () => {
    const { body } = bodyOf([
      ': OPENROUTER PROCESSING\r\n\r\ndata: {"a":1}\r\n\r\ndata: {"a":2}\n\ndata: {"a"',
      ":3}\r\rdata: line one\ndata: line two\n\nevent: message_stop\ndata: {}\n\n",
    ]);
    const batches = await collect(sseEventBatches(body));
    expect(batches.map((batch) => batch.map((event) => event.data))).toEqual([
      ['{"a":1}', '{"a":2}'],
      ['{"a":3}', "line one\nline two", "{}"],
    ]);
    expect(batches[1]?.[2]?.event).toBe("message_stop");
  });

  it("keeps a character whose UTF-8 bytes are split across reads", async () => {
    const bytes = new TextEncoder().encode('data: {"t":"é🙂"}\n\n');
    const split = bytes.indexOf(0xf0) + 2; // inside the four bytes of 🙂
    const { body } = bodyOf([bytes.slice(0, split), bytes.slice(split)]);
    const batches = await collect(sseEventBatches(body));
    expect(batches.flat().map((event) => event.data)).toEqual(['{"t":"é🙂"}']);
  });

  it("discards a last event that no blank line closed", async () => {
    const { body } = bodyOf(['data: {"a":1}\n\ndata: {"cut":']);
    expect((await collect(sseEventBatches(body))).flat().map((event) => event.data)).toEqual(['{"a":1}']);
  });
});

describe("ndjsonLineBatches", () => {
  it("groups the lines each read completes, joins lines split across reads and keeps a last line without newline", async () => {
    const { body } = bodyOf(['{"a":1}\n{"a":2}\n{"a"', ":3}\n\n  \n", '{"done":true}']);
    expect(await collect(ndjsonLineBatches(body))).toEqual([['{"a":1}', '{"a":2}'], ['{"a":3}'], ['{"done":true}']]);
  });
});

describe("bodyTextReads", () => {
  it("cancels the body (closing the connection) when the reader stops early", async () => {
    const { body, cancelled } = bodyOf(["one", "two", "three"]);
    for await (const text of bodyTextReads(body)) {
      expect(text).toBe("one");
      break;
    }
    expect(cancelled()).toBe(true);
  });

  it("does not cancel a body read to its end", async () => {
    const { body, cancelled } = bodyOf(["one", "two"]);
    expect(await collect(bodyTextReads(body))).toEqual(["one", "two"]);
    expect(cancelled()).toBe(false);
  });
});
