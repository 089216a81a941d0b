import { z } from "zod";
import {
  httpLlmError,
  listModelsLlmError,
  LlmRequestError,
  malformedStreamError,
  providerLabel,
  streamLlmError,
} from "@/lib/llm/errors";
import { ollamaFinishReason } from "@/lib/llm/providers/ollama/finish-reason";
import { providerFetch } from "@/lib/llm/provider-fetch";
import { ndjsonLineBatches } from "@/lib/llm/read-body";
import { streamFromBody } from "@/lib/llm/stream-from-body";
import type {
  CallOptions,
  GenerationParams,
  LlmEvent,
  ModelInfo,
  ProviderAdapter,
  ProviderConnection,
  StreamRequest,
} from "@/lib/llm/types";
import { usageFromOllama } from "@/lib/llm/usage";

// Ollama's native API: POST /api/chat streams NDJSON, one object per line, no [DONE]; the last
// object has `done: true`, `done_reason` and the counts. Read as bytes arrive, a read's lines at a
// time (read-body.ts, never buffered whole), with a streaming UTF-8 decoder.

const lineSchema = z.object({
  // /api/chat puts text in message.content / message.thinking; /api/generate in response / thinking.
  message: z.object({ content: z.string().nullish(), thinking: z.string().nullish() }).nullish(),
  response: z.string().nullish(),
  thinking: z.string().nullish(),
  done: z.boolean().nullish(),
  done_reason: z.string().nullish(),
  error: z.unknown().optional(),
});

const tagsSchema = z.object({
  models: z.array(z.object({ name: z.string().nullish(), model: z.string().nullish() })).nullish(),
});

function endpoint(connection: ProviderConnection, path: string): string {
  return `${connection.baseUrl.replace(/\/+$/, "")}${path}`;
}

function requestHeaders(connection: ProviderConnection, accept: string): Record<string, string> {
  // A key is optional: Ollama behind a proxy or Ollama's cloud take it as a bearer token.
  return {
    Accept: accept,
    "Content-Type": "application/json",
    ...(connection.apiKey !== null ? { Authorization: `Bearer ${connection.apiKey}` } : {}),
    ...connection.extraHeaders,
  };
}

/** Ollama's `options` object; undefined when no parameter is set. */
function modelOptions(params: GenerationParams): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {};
  if (params.temperature !== undefined) options.temperature = params.temperature;
  if (params.topP !== undefined) options.top_p = params.topP;
  if (params.maxTokens !== undefined) options.num_predict = params.maxTokens;
  if (params.stop && params.stop.length > 0) options.stop = params.stop;
  return Object.keys(options).length > 0 ? options : undefined;
}

/** The /api/chat request body. `think` is sent only when asked: a model without thinking answers it with 400. */
function chatBody(request: StreamRequest): Record<string, unknown> {
  const { params } = request;
  const body: Record<string, unknown> = {
    model: request.connection.model,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    stream: true,
  };
  if (params.reasoning?.effort) body.think = params.reasoning.effort;
  else if (params.reasoning?.budgetTokens !== undefined) body.think = true;
  const options = modelOptions(params);
  if (options) body.options = options;
  return body;
}

/** A small body (an error, the model list) as JSON when it is JSON, else as text. */
async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Appends the events of one NDJSON line; returns the line's closing event (finish or error) when it ends the reply. */
function readLine(text: string, connection: ProviderConnection, events: LlmEvent[]): LlmEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { type: "error", error: malformedStreamError(connection, "a line was not valid JSON") };
  }
  const line = lineSchema.safeParse(raw);
  if (!line.success)
    return { type: "error", error: malformedStreamError(connection, "a line did not have the chat shape") };
  if (line.data.error !== undefined && line.data.error !== null)
    return { type: "error", error: streamLlmError(connection, line.data.error) };
  const thinking = (line.data.message?.thinking ?? "") + (line.data.thinking ?? "");
  if (thinking) events.push({ type: "reasoning-delta", text: thinking });
  const content = (line.data.message?.content ?? "") + (line.data.response ?? "");
  if (content) events.push({ type: "text-delta", text: content });
  if (!line.data.done) return null;
  const usage = usageFromOllama(raw);
  if (usage && (usage.promptTokens !== null || usage.completionTokens !== null)) events.push({ type: "usage", usage });
  return { type: "finish", finishReason: ollamaFinishReason(line.data.done_reason) };
}

function streamChat(request: StreamRequest, signal: AbortSignal): AsyncGenerator<LlmEvent> {
  const { connection } = request;
  return streamFromBody({
    connection,
    signal,
    send: async () => {
      const response = await providerFetch(endpoint(connection, "/api/chat"), {
        method: "POST",
        headers: requestHeaders(connection, "application/x-ndjson"),
        body: JSON.stringify(chatBody(request)),
        signal,
      });
      if (response.ok && response.body) return { body: response.body };
      const body = await readBody(response);
      return { error: httpLlmError(connection, response.status, response.headers, body) };
    },
    batches: ndjsonLineBatches,
    // A line's outcome (its finish, or a failure) is the stream's last word.
    readItem: (text, events) => readLine(text, connection, events),
    // Only a `done: true` line finishes the reply: a body that ends before it was cut short.
    finishReason: () => null,
  });
}

/** GET /api/tags; throws LlmRequestError. */
async function listOllamaModels(connection: ProviderConnection, { signal }: CallOptions): Promise<ModelInfo[]> {
  let body: unknown;
  try {
    const response = await providerFetch(endpoint(connection, "/api/tags"), {
      headers: requestHeaders(connection, "application/json"),
      signal,
    });
    body = await readBody(response);
    if (!response.ok) throw new LlmRequestError(httpLlmError(connection, response.status, response.headers, body));
  } catch (error) {
    throw new LlmRequestError(listModelsLlmError(error, connection, { signal, path: "/api/tags" }));
  }
  const tags = tagsSchema.safeParse(body);
  if (!tags.success) {
    throw new LlmRequestError({
      code: "upstream_protocol",
      message: `${providerLabel(connection)} answered /api/tags with something other than a model list. Check the base URL.`,
    });
  }
  const models: ModelInfo[] = [];
  for (const model of tags.data.models ?? []) {
    const id = model.name || model.model;
    if (id) models.push({ id, name: id });
  }
  return models;
}

/** The adapter for `ollama`. */
export const ollamaAdapter: ProviderAdapter = {
  stream: (request, { signal }) => streamChat(request, signal),
  listModels: listOllamaModels,
};
