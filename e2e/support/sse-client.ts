// Reads the app's SSE responses over real HTTP, event by event, with arrival times.
import { createParser } from "eventsource-parser";
import { runEventSchema, type RunEvent } from "../../lib/contracts/run-events";
import { BASE_URL } from "./api-session";

/** A run event (parsed with the contract: a stray shape fails the spec); specs also read fields a variant lacks. */
type StreamEvent = RunEvent & { [field: string]: unknown };
export type ReceivedEvent = { id: string | undefined; data: StreamEvent; at: number };

/** Opens a stream request with a bearer token (to the spec's app, or the one at `baseUrl`); the caller reads the body. */
export function openStream(
  path: string,
  {
    token,
    method = "GET",
    body,
    headers = {},
    signal,
    baseUrl = BASE_URL,
  }: {
    token: string;
    method?: "GET" | "POST";
    body?: unknown;
    headers?: Record<string, string>;
    signal?: AbortSignal;
    baseUrl?: string;
  },
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
}

/**
 * Reads events until the stream ends or `stopWhen` says so (then the connection is dropped,
 * like a client going away).
 */
export async function readEvents(
  response: Response,
  {
    stopWhen,
    controller,
    onEvent,
  }: {
    stopWhen?: (events: ReceivedEvent[]) => boolean;
    controller?: AbortController;
    onEvent?: (event: ReceivedEvent) => void;
  } = {},
): Promise<ReceivedEvent[]> {
  const events: ReceivedEvent[] = [];
  let stopped = false;
  const parser = createParser({
    onEvent(message) {
      const data: StreamEvent = runEventSchema.parse(JSON.parse(message.data));
      const event = { id: message.id, data, at: performance.now() };
      events.push(event);
      onEvent?.(event);
      if (!stopped && stopWhen?.(events)) stopped = true;
    },
  });
  const reader = response.body?.getReader();
  if (!reader) return events;
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      if (stopped) {
        controller?.abort();
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  } catch (error) {
    if (!stopped) throw error;
  }
  return events;
}

/** The text of all chunk events, in order. */
export function textOf(events: ReceivedEvent[]): string {
  return events
    .filter((event) => event.data.type === "chunk")
    .map((event) => String(event.data.content))
    .join("");
}
