import OpenAI from "openai";
import { z } from "zod";
import {
  listModelsLlmError,
  LlmRequestError,
  malformedStreamError,
  streamLlmError,
  toLlmError,
  truncatedStreamError,
} from "@/lib/llm/errors";
import { relayBatches, STREAM_END } from "@/lib/llm/relay-batches";
import { providerFetch, SDK_TIMEOUT_MS } from "@/lib/llm/provider-fetch";
import { sseEventBatches } from "@/lib/llm/read-body";
import type {
  GenerationParams,
  LlmError,
  LlmEvent,
  ModelInfo,
  ProviderAdapter,
  ProviderConnection,
  ReasoningOptions,
  StreamRequest,
} from "@/lib/llm/types";
import { hasAnyUsage, usageFromOpenAI } from "@/lib/llm/usage";

// One implementation for every server that speaks OpenAI chat completions: OpenAI itself, local
// servers (LM Studio, llama.cpp, vLLM, Ollama's /v1), custom proxies, and OpenRouter (its own
// file adds headers and request fields). The official SDK builds and sends the request and maps
// error statuses; the event stream is read with eventsource-parser and each chunk with zod, since
// compatible servers vary.

/** What sets one OpenAI-compatible provider apart from the others. */
export type OpenAICompatibleDialect = {
  /** Headers sent before the configuration's extra headers (which win). */
  headers?: () => Record<string, string>;
  /** Request fields for the reasoning options. Default: `reasoning_effort` when an effort is given. */
  reasoningFields?: (reasoning: ReasoningOptions) => Record<string, unknown>;
};

const reasoningDetailSchema = z.object({
  type: z.string(),
  text: z.string().nullish(),
  summary: z.string().nullish(),
});

const chunkSchema = z.object({
  choices: z
    .array(
      z.object({
        index: z.number().nullish(),
        delta: z
          .object({
            content: z.string().nullish(),
            refusal: z.string().nullish(),
            // OpenRouter and Ollama's /v1 send `reasoning`; vLLM, DeepSeek and LM Studio `reasoning_content`.
            reasoning: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            reasoning_details: z.array(z.unknown()).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: z.unknown().optional(),
});

type ChunkDelta = NonNullable<NonNullable<z.infer<typeof chunkSchema>["choices"]>[number]["delta"]>;

/** Reasoning text of one delta. `reasoning` and `reasoning_details` repeat each other, so the first non-empty source wins. */
function reasoningText(delta: ChunkDelta): string {
  if (delta.reasoning) return delta.reasoning;
  if (delta.reasoning_content) return delta.reasoning_content;
  let text = "";
  for (const item of delta.reasoning_details ?? []) {
    const detail = reasoningDetailSchema.safeParse(item);
    if (!detail.success) continue;
    // reasoning.encrypted carries no readable text.
    if (detail.data.type === "reasoning.text") text += detail.data.text ?? "";
    else if (detail.data.type === "reasoning.summary") text += detail.data.summary ?? "";
  }
  return text;
}

/** OpenAI's finish reasons are the normalised vocabulary; only the legacy `function_call` is renamed. */
function normaliseFinishReason(reason: string): string {
  return reason === "function_call" ? "tool_calls" : reason;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** An SDK client for one connection: no retries, no ambient OPENAI_* settings, no Authorization without a key. */
export function openAIClientFor(connection: ProviderConnection, dialect: OpenAICompatibleDialect): OpenAI {
  const headers: Record<string, string | null> = {};
  // A local server may need no key. The SDK insists on a string, so it gets a placeholder and the
  // header it would build from it is removed (the SDK's documented `null` header), unless the
  // configuration supplies its own Authorization.
  if (connection.apiKey === null && !hasHeader(connection.extraHeaders, "authorization")) headers.Authorization = null;
  Object.assign(headers, dialect.headers?.() ?? {}, connection.extraHeaders);
  return new OpenAI({
    apiKey: connection.apiKey ?? "no-key",
    baseURL: connection.baseUrl,
    // Keep OPENAI_ORG_ID / OPENAI_PROJECT_ID of this machine away from third-party servers.
    organization: null,
    project: null,
    defaultHeaders: headers,
    // No SDK retries: a retry after text reached the client would send that text twice, and a
    // retried 429 would only hide the rate limit from the person waiting.
    maxRetries: 0,
    timeout: SDK_TIMEOUT_MS,
    fetch: providerFetch,
    // Failures are reported as events; the SDK would log raw chunks to the console.
    logLevel: "off",
  });
}

function defaultReasoningFields(reasoning: ReasoningOptions): Record<string, unknown> {
  return reasoning.effort ? { reasoning_effort: reasoning.effort } : {};
}

/** The chat-completions request body for one streamed reply. */
export function chatCompletionBody(
  request: StreamRequest,
  dialect: OpenAICompatibleDialect,
): OpenAI.Chat.ChatCompletionCreateParamsStreaming {
  const { connection, params } = request;
  const body: OpenAI.Chat.ChatCompletionCreateParamsStreaming = {
    model: connection.model,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    stream: true,
    stream_options: { include_usage: true },
  };
  applySampling(body, params, connection.provider === "openai");
  if (params.reasoning) Object.assign(body, (dialect.reasoningFields ?? defaultReasoningFields)(params.reasoning));
  return body;
}

function applySampling(
  body: OpenAI.Chat.ChatCompletionCreateParamsStreaming,
  params: GenerationParams,
  isOpenAI: boolean,
): void {
  if (params.temperature !== undefined) body.temperature = params.temperature;
  if (params.topP !== undefined) body.top_p = params.topP;
  if (params.stop && params.stop.length > 0) body.stop = params.stop;
  if (params.maxTokens !== undefined) {
    // OpenAI deprecated max_tokens (reasoning models refuse it); compatible servers mostly know only max_tokens.
    if (isOpenAI) body.max_completion_tokens = params.maxTokens;
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated by OpenAI only, the field compatible servers read
    else body.max_tokens = params.maxTokens;
  }
}

type ChunkState = { finishReason: string | null };

/** Appends the events of one chunk (a parsed `data:` line); returns an LlmError when the chunk is an error or unreadable. */
function readChunk(
  raw: unknown,
  connection: ProviderConnection,
  state: ChunkState,
  events: LlmEvent[],
): LlmError | null {
  // OpenAI's `{"error":{...}}`, and OpenRouter's error chunk (with finish_reason "error").
  if (typeof raw === "object" && raw !== null && Reflect.get(raw, "error"))
    return streamLlmError(connection, Reflect.get(raw, "error"));
  const chunk = chunkSchema.safeParse(raw);
  if (!chunk.success) return malformedStreamError(connection, "a chunk did not have the chat-completion shape");
  // The usage-only final chunk has `choices: []`; other servers may number choices.
  const choices = chunk.data.choices ?? [];
  const choice = choices.find((candidate) => (candidate.index ?? 0) === 0) ?? choices[0];
  if (choice?.delta) {
    const reasoning = reasoningText(choice.delta);
    if (reasoning) events.push({ type: "reasoning-delta", text: reasoning });
    const text = (choice.delta.content ?? "") + (choice.delta.refusal ?? "");
    if (text) events.push({ type: "text-delta", text });
  }
  if (choice?.finish_reason === "error") return streamLlmError(connection, {});
  if (choice?.finish_reason) state.finishReason = normaliseFinishReason(choice.finish_reason);
  const usage = usageFromOpenAI(chunk.data.usage);
  if (usage && hasAnyUsage(usage)) events.push({ type: "usage", usage });
  return null;
}

async function* streamChatCompletion(
  request: StreamRequest,
  signal: AbortSignal,
  dialect: OpenAICompatibleDialect,
): AsyncGenerator<LlmEvent> {
  const { connection } = request;
  let body: ReadableStream<Uint8Array>;
  try {
    // The SDK sends the request and turns error statuses into APIErrors; the body is read here,
    // a read at a time (read-body.ts): the SDK's own SSE reader costs far more CPU per chunk.
    const response = await openAIClientFor(connection, dialect)
      .chat.completions.create(chatCompletionBody(request, dialect), { signal })
      .asResponse();
    if (!response.body) throw new TypeError("The response had no body.");
    body = response.body;
  } catch (error) {
    const failure = toLlmError(error, connection, { signal, midStream: false });
    if (failure) yield { type: "error", error: failure };
    return;
  }

  const state: ChunkState = { finishReason: null };
  try {
    const failed = yield* relayBatches(sseEventBatches(body), (message, events) => {
      if (message.data.startsWith("[DONE]")) return STREAM_END;
      let raw: unknown;
      try {
        raw = JSON.parse(message.data);
      } catch {
        return { type: "error", error: malformedStreamError(connection, "an event was not valid JSON") };
      }
      const failure = readChunk(raw, connection, state, events);
      return failure ? { type: "error", error: failure } : null;
    });
    if (failed) return;
  } catch (error) {
    const failure = toLlmError(error, connection, { signal, midStream: true });
    if (failure) yield { type: "error", error: failure };
    return;
  }

  // The body ends quietly when our signal aborted, and when the server just stopped.
  if (signal.aborted) return;
  if (state.finishReason === null) {
    yield { type: "error", error: truncatedStreamError(connection) };
    return;
  }
  yield { type: "finish", finishReason: state.finishReason };
}

const modelSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  owned_by: z.string().nullish(),
});

/** GET {baseUrl}/models through the SDK; throws LlmRequestError. */
export async function listOpenAICompatibleModels(
  connection: ProviderConnection,
  signal: AbortSignal,
  dialect: OpenAICompatibleDialect,
): Promise<ModelInfo[]> {
  let items: unknown[];
  try {
    const page = await openAIClientFor(connection, dialect).models.list({ signal });
    items = page.data;
  } catch (error) {
    throw new LlmRequestError(listModelsLlmError(error, connection, signal, "/models"));
  }
  const models: ModelInfo[] = [];
  for (const item of items) {
    const model = modelSchema.safeParse(item);
    if (!model.success) continue;
    models.push({
      id: model.data.id,
      ...(model.data.name ? { name: model.data.name } : {}),
      ...(model.data.owned_by ? { ownedBy: model.data.owned_by } : {}),
    });
  }
  return models;
}

/** An adapter for one OpenAI-compatible dialect. */
export function createOpenAICompatibleAdapter(dialect: OpenAICompatibleDialect = {}): ProviderAdapter {
  return {
    stream: (request, { signal }) => streamChatCompletion(request, signal, dialect),
    listModels: (connection, { signal }) => listOpenAICompatibleModels(connection, signal, dialect),
  };
}

/** The adapter for `openai`, `local` and `custom`. */
export const openAICompatibleAdapter = createOpenAICompatibleAdapter();
