import { createParser, type EventSourceMessage } from "eventsource-parser";

// Provider bodies read one network read at a time: each read's complete events go up together,
// so a fast provider whose read holds hundreds of events costs one pass through the relay, not
// hundreds. UTF-8 is decoded as a stream (a character split across reads survives) and the body
// is cancelled, closing the connection, when the consumer stops early.

/** The body's text, one decoded string per read (empty reads skipped). */
export async function* bodyTextReads(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      if (text) yield text;
    }
    finished = true;
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** SSE events (WHATWG rules, via eventsource-parser), grouped by the read that completed them. */
export async function* sseEventBatches(body: ReadableStream<Uint8Array>): AsyncGenerator<EventSourceMessage[]> {
  let batch: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => batch.push(event) });
  for await (const text of bodyTextReads(body)) {
    parser.feed(text);
    if (batch.length === 0) continue;
    const complete = batch;
    batch = [];
    yield complete;
  }
  // An event not closed by a blank line is discarded, as the SSE rules say.
}

/** Non-empty NDJSON lines (trimmed), grouped by the read that completed them; a last line without a newline counts. */
export async function* ndjsonLineBatches(body: ReadableStream<Uint8Array>): AsyncGenerator<string[]> {
  let buffer = "";
  for await (const text of bodyTextReads(body)) {
    buffer += text;
    const end = buffer.lastIndexOf("\n");
    if (end === -1) continue;
    const lines = buffer
      .slice(0, end)
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    buffer = buffer.slice(end + 1);
    if (lines.length > 0) yield lines;
  }
  const last = buffer.trim();
  if (last) yield [last];
}
