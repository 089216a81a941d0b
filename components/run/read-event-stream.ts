import { createParser } from "eventsource-parser";
import { parseRunEvent, type RunEvent } from "@/lib/contracts/run-events";

/**
 * Reads an SSE response body event by event until it ends; stops after `done` or `error`, the
 * events after which the server closes the stream anyway. Rejects when the connection breaks.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: RunEvent) => void,
): Promise<void> {
  let finished = false;
  const parser = createParser({
    onEvent(message) {
      if (finished) return;
      const event = parseRunEvent(message.data);
      if (!event) return;
      onEvent(event);
      if (event.type === "done" || event.type === "error") finished = true;
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    while (!finished) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    if (finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
