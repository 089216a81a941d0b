import { toLlmError, truncatedStreamError } from "@/lib/llm/errors";
import type { FinishReason } from "@/lib/llm/finish-reason";
import type { SdkErrorReader } from "@/lib/llm/sdk-failure";
import { relayBatches, type ItemVerdict } from "@/lib/llm/relay-batches";
import type { LlmError, LlmEvent, ProviderConnection } from "@/lib/llm/types";

/** One streamed reply, as every adapter reads it: what differs per provider. */
type BodyStream<T> = {
  connection: ProviderConnection;
  signal: AbortSignal;
  /** Sends the request: the body to read, or an LlmError (an error response read by hand). What it throws is mapped. */
  send: () => Promise<{ body: ReadableStream<Uint8Array> } | { error: LlmError }>;
  /** The body as batches of items, a network read at a time (read-body.ts). */
  batches: (body: ReadableStream<Uint8Array>) => AsyncIterable<T[]>;
  /** As in relayBatches: appends an item's events; returns null, STREAM_END, or the stream's last event. */
  readItem: (item: T, events: LlmEvent[]) => ItemVerdict;
  /** Once the body has ended without a last event: the finish reason seen, or null when the reply was cut short. */
  finishReason: () => FinishReason | null;
  /** Reads the error classes of the SDK that sends the request (sdk-failure.ts). */
  readSdkError?: SdkErrorReader;
};

/**
 * Sends, relays the body, and closes the reply: a failure to send or to read becomes an error
 * event, our own abort ends the stream quietly, and a body that ends without the provider's end
 * marker is reported as truncated.
 */
export async function* streamFromBody<T>(stream: BodyStream<T>): AsyncGenerator<LlmEvent> {
  const { connection, signal, readSdkError } = stream;
  let body: ReadableStream<Uint8Array>;
  try {
    const sent = await stream.send();
    if ("error" in sent) {
      if (!signal.aborted) yield { type: "error", error: sent.error };
      return;
    }
    body = sent.body;
  } catch (error) {
    const failure = toLlmError(error, connection, { signal, midStream: false, readSdkError });
    if (failure) yield { type: "error", error: failure };
    return;
  }

  try {
    // A last event of readItem's own (a failure, Ollama's finish) is the stream's outcome.
    if (yield* relayBatches(stream.batches(body), stream.readItem)) return;
  } catch (error) {
    const failure = toLlmError(error, connection, { signal, midStream: true, readSdkError });
    if (failure) yield { type: "error", error: failure };
    return;
  }

  // The body ends quietly when our signal aborted, and when the server just stopped.
  if (signal.aborted) return;
  const finishReason = stream.finishReason();
  yield finishReason === null
    ? { type: "error", error: truncatedStreamError(connection) }
    : { type: "finish", finishReason };
}
