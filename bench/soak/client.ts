// The soak test's HTTP side: simulator configurations per provider, and one stream read event by
// event (with a hook to stop or drop it), surviving a server that dies under it.
import { FAULT_BASE_PATHS, FAULT_MODELS, type FaultProvider } from "../../e2e/support/fault-matrix";
import { readEvents, type ReceivedEvent } from "../../e2e/support/sse-client";

export type Stream = {
  runId: string | null;
  conversationId: number | null;
  text: string;
  chunks: number;
  final: "done" | "error" | null;
  /** The `done` event's finish reason ("aborted" after a stop). */
  finishReason: string | null;
  errorCode: string | null;
  /** The connection failed (e.g. the server was killed), as opposed to a clean end. */
  broken: boolean;
};

/** Creates a configuration on the simulator with `~scenario`; returns its slug. */
export async function simulatorConfiguration(
  appUrl: string,
  token: string,
  simulatorUrl: string,
  provider: FaultProvider,
  scenario: string,
): Promise<string> {
  const slug = `soak-${provider}-${scenario}-${Math.random().toString(36).slice(2, 8)}`.replace(/[^a-z0-9-]+/g, "-");
  const response = await fetch(`${appUrl}/api/configurations`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      name: `Soak ${provider} ${scenario}`,
      slug,
      provider,
      model: `${FAULT_MODELS[provider]}~${scenario}`,
      baseUrl: `${simulatorUrl}${FAULT_BASE_PATHS[provider]}`,
      apiKey: provider === "ollama" ? undefined : "sk-soak-simulator-key-0042",
    }),
  });
  if (response.status !== 201)
    throw new Error(`creating configuration ${slug} failed: ${response.status} ${await response.text()}`);
  return slug;
}

/**
 * POSTs /api/stream and reads it to the end; `onChunk` may return "drop" to close the connection
 * like a client going away. Never throws: a broken connection is reported in the result.
 */
export async function streamRun(
  appUrl: string,
  token: string,
  configuration: string,
  prompt: string,
  onChunk?: (stream: Stream) => "drop" | void,
): Promise<Stream> {
  const stream: Stream = {
    runId: null,
    conversationId: null,
    text: "",
    chunks: 0,
    final: null,
    finishReason: null,
    errorCode: null,
    broken: false,
  };
  const controller = new AbortController();
  let dropped = false;
  const onEvent = ({ data: event }: ReceivedEvent) => {
    if (event.type === "start") {
      stream.runId = typeof event.runId === "string" ? event.runId : null;
      stream.conversationId = typeof event.conversationId === "number" ? event.conversationId : null;
    } else if (event.type === "chunk") {
      stream.text += String(event.content ?? "");
      stream.chunks += 1;
      if (!dropped && onChunk?.(stream) === "drop") dropped = true;
    } else if (event.type === "done" || event.type === "error") {
      stream.final = event.type;
      stream.finishReason = typeof event.finishReason === "string" ? event.finishReason : null;
      stream.errorCode = typeof event.code === "string" ? event.code : null;
    }
  };
  try {
    const response = await fetch(`${appUrl}/api/stream`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ configuration, prompt }),
      signal: controller.signal,
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    await readEvents(response, { controller, onEvent, stopWhen: () => dropped });
  } catch (error) {
    if (!dropped) {
      stream.broken = true;
      stream.errorCode ??= error instanceof Error ? error.message : String(error);
    }
  }
  return stream;
}

/** POST /api/runs/{runId}/stop; the HTTP status. */
export async function stopRun(appUrl: string, token: string, runId: string): Promise<number> {
  const response = await fetch(`${appUrl}/api/runs/${runId}/stop`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}
