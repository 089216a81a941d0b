import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { listModelsLlmError, LlmRequestError, malformedStreamError, streamLlmError } from "@/lib/llm/errors";
import type { FinishReason } from "@/lib/llm/finish-reason";
import { hasHeader } from "@/lib/llm/headers";
import { anthropicFinishReason } from "@/lib/llm/providers/anthropic/finish-reason";
import { readAnthropicSdkError } from "@/lib/llm/providers/anthropic/sdk-errors";
import { STREAM_END } from "@/lib/llm/relay-batches";
import { providerFetch, SDK_TIMEOUT_MS } from "@/lib/llm/provider-fetch";
import { sseEventBatches } from "@/lib/llm/read-body";
import { streamFromBody } from "@/lib/llm/stream-from-body";
import type {
  CallOptions,
  LlmError,
  LlmEvent,
  ModelInfo,
  ProviderAdapter,
  ProviderConnection,
  StreamRequest,
  Usage,
} from "@/lib/llm/types";
import { hasAnyUsage, mergeUsage, UNKNOWN_USAGE, usageFromAnthropic } from "@/lib/llm/usage";

// Anthropic Messages through the official SDK (`messages.create({stream: true})`), its event
// stream read with eventsource-parser. Events are read with zod and dispatched on `type`; unknown
// events and deltas (signature_delta, input_json_delta, citations_delta, future ones) are ignored.

/** Anthropic requires max_tokens; used when the run sets none. */
const DEFAULT_MAX_TOKENS = 4096;
const MIN_THINKING_BUDGET = 1024;
/** The wire format the fixtures (lib/llm/testing/fixtures) describe; the SDK would send its newest version. */
const API_VERSION = "2023-06-01";
const MODEL_LIST_LIMIT = 1000;

const messageStartSchema = z.object({ message: z.object({ usage: z.unknown().optional() }) });
const blockDeltaSchema = z.object({
  delta: z.object({ type: z.string(), text: z.string().nullish(), thinking: z.string().nullish() }),
});
const messageDeltaSchema = z.object({
  delta: z.object({ stop_reason: z.string().nullish() }).nullish(),
  usage: z.unknown().optional(),
});
const eventTypeSchema = z.object({ type: z.string() });

/** An SDK client for one connection: the key as `x-api-key`, no retries, no ambient credentials. */
function anthropicClientFor(connection: ProviderConnection): Anthropic {
  // The SDK sends its key as `Authorization: Bearer`; the documented header is `x-api-key`, which
  // every Anthropic-compatible server accepts. A string key also stops the SDK from looking for
  // ANTHROPIC_* variables or credential files of this machine.
  const headers: Record<string, string | null> = { "anthropic-version": API_VERSION };
  if (!hasHeader(connection.extraHeaders, "authorization")) headers.Authorization = null;
  if (connection.apiKey !== null) headers["X-Api-Key"] = connection.apiKey;
  Object.assign(headers, connection.extraHeaders);
  return new Anthropic({
    apiKey: connection.apiKey ?? "no-key",
    baseURL: connection.baseUrl,
    defaultHeaders: headers,
    // No SDK retries: a retry after text reached the client would send that text twice.
    maxRetries: 0,
    timeout: SDK_TIMEOUT_MS,
    fetch: providerFetch,
    logLevel: "off",
  });
}

/** The Messages request body: system prompt apart, max_tokens always set, a thinking budget on top of it. */
function messagesBody(request: StreamRequest): Anthropic.MessageCreateParamsStreaming {
  const { params } = request;
  const system = request.messages.filter((message) => message.role === "system").map((message) => message.content);
  const budget = params.reasoning?.budgetTokens;
  const thinkingBudget = budget === undefined ? undefined : Math.max(MIN_THINKING_BUDGET, Math.floor(budget));
  // Anthropic counts thinking inside max_tokens and needs budget < max_tokens. As in the AI SDK,
  // the run's max tokens is the answer's share and the budget is added on top, so any budget the
  // form accepts works with any max tokens.
  const answerTokens = params.maxTokens ?? DEFAULT_MAX_TOKENS;
  const maxTokens = thinkingBudget === undefined ? answerTokens : answerTokens + thinkingBudget;
  const body: Anthropic.MessageCreateParamsStreaming = {
    model: request.connection.model,
    max_tokens: maxTokens,
    messages: request.messages
      .filter((message) => message.role !== "system")
      .map((message) => ({ role: message.role === "assistant" ? "assistant" : "user", content: message.content })),
    stream: true,
  };
  if (system.length > 0) body.system = system.join("\n\n");
  if (params.stop && params.stop.length > 0) body.stop_sequences = params.stop;
  // temperature and top_p are in the documented 2023-06-01 API but no longer in this SDK's types.
  const sampling: { temperature?: number; top_p?: number } = {};
  if (thinkingBudget !== undefined) {
    body.thinking = { type: "enabled", budget_tokens: thinkingBudget, display: "summarized" };
    // Thinking refuses a changed temperature and a top_p below 0.95; drop them rather than fail
    // every run of a configuration whose defaults set them.
    if (params.topP !== undefined && params.topP >= 0.95) sampling.top_p = params.topP;
  } else {
    if (params.temperature !== undefined) sampling.temperature = params.temperature;
    if (params.topP !== undefined) sampling.top_p = params.topP;
  }
  Object.assign(body, sampling);
  return body;
}

type MessageState = { usage: Usage; stopReason: FinishReason | null; stopped: boolean };

/** Appends the events of one Anthropic event (dispatched on its `event:` name, as the SDK does); returns an LlmError when it is an error or unreadable. */
function readEvent(
  name: string,
  data: string,
  connection: ProviderConnection,
  state: MessageState,
  events: LlmEvent[],
): LlmError | null {
  const malformed = (what: string) => malformedStreamError(connection, what);
  if (name === "ping" || !data) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    // An error event's body is reported as it came.
    return name === "error" ? streamLlmError(connection, data) : malformed("an event was not valid JSON");
  }
  if (name === "error") return streamLlmError(connection, raw);
  const event = eventTypeSchema.safeParse(raw);
  if (!event.success) return malformed("an event had no type");
  switch (event.data.type) {
    case "message_start": {
      const start = messageStartSchema.safeParse(raw);
      if (!start.success) return malformed("message_start had no message");
      // output_tokens here is a placeholder (1); the real count comes with message_delta.
      const reported = usageFromAnthropic(start.data.message.usage);
      if (reported) state.usage = { ...reported, completionTokens: null, totalTokens: null };
      if (hasAnyUsage(state.usage)) events.push({ type: "usage", usage: state.usage });
      return null;
    }
    case "content_block_delta": {
      const block = blockDeltaSchema.safeParse(raw);
      if (!block.success) return malformed("content_block_delta had no delta");
      const { delta } = block.data;
      if (delta.type === "text_delta" && delta.text) events.push({ type: "text-delta", text: delta.text });
      else if (delta.type === "thinking_delta" && delta.thinking)
        events.push({ type: "reasoning-delta", text: delta.thinking });
      return null;
    }
    case "message_delta": {
      const messageDelta = messageDeltaSchema.safeParse(raw);
      if (!messageDelta.success) return malformed("message_delta could not be read");
      if (messageDelta.data.delta?.stop_reason)
        state.stopReason = anthropicFinishReason(messageDelta.data.delta.stop_reason);
      // output_tokens is cumulative; newer API versions may repeat the input counts here.
      const reported = usageFromAnthropic(messageDelta.data.usage);
      if (reported && hasAnyUsage(reported)) {
        const merged = mergeUsage(state.usage, reported);
        const total =
          merged.promptTokens !== null && merged.completionTokens !== null
            ? merged.promptTokens + merged.completionTokens
            : null;
        state.usage = { ...merged, totalTokens: total };
        events.push({ type: "usage", usage: state.usage });
      }
      return null;
    }
    case "message_stop":
      state.stopped = true;
      return null;
    default:
      // content_block_start/stop and anything newer carry nothing to relay.
      return null;
  }
}

function streamMessages(request: StreamRequest, signal: AbortSignal): AsyncGenerator<LlmEvent> {
  const { connection } = request;
  const state: MessageState = { usage: UNKNOWN_USAGE, stopReason: null, stopped: false };
  return streamFromBody({
    connection,
    signal,
    readSdkError: readAnthropicSdkError,
    send: async () => {
      // The SDK sends the request and maps error statuses; the event stream is read here (read-body.ts).
      const response = await anthropicClientFor(connection)
        .messages.create(messagesBody(request), { signal })
        .asResponse();
      if (!response.body) throw new TypeError("The response had no body.");
      return { body: response.body };
    },
    batches: sseEventBatches,
    readItem: (message, events) => {
      // Anthropic names every event; the SDK ignores events without a name, and so does this.
      if (message.event === undefined) return null;
      const failure = readEvent(message.event, message.data, connection, state, events);
      if (failure) return { type: "error", error: failure };
      return state.stopped ? STREAM_END : null;
    },
    finishReason: () => (state.stopped ? (state.stopReason ?? "stop") : null),
  });
}

const modelSchema = z.object({ id: z.string().min(1), display_name: z.string().nullish() });

/** Anthropic's models API (all pages, up to a sane cap); throws LlmRequestError. */
async function listAnthropicModels(connection: ProviderConnection, { signal }: CallOptions): Promise<ModelInfo[]> {
  const models: ModelInfo[] = [];
  try {
    for await (const item of anthropicClientFor(connection).models.list({ limit: 100 }, { signal })) {
      const model = modelSchema.safeParse(item);
      if (model.success)
        models.push({ id: model.data.id, ...(model.data.display_name ? { name: model.data.display_name } : {}) });
      if (models.length >= MODEL_LIST_LIMIT) break;
    }
  } catch (error) {
    throw new LlmRequestError(
      listModelsLlmError(error, connection, { signal, path: "/v1/models", readSdkError: readAnthropicSdkError }),
    );
  }
  return models;
}

/** The adapter for `anthropic`. */
export const anthropicAdapter: ProviderAdapter = {
  stream: (request, { signal }) => streamMessages(request, signal),
  listModels: listAnthropicModels,
};
