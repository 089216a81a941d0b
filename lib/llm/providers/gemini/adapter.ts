import { GoogleGenAI, type Content, type GenerateContentConfig } from "@google/genai";
import type { EventSourceMessage } from "eventsource-parser";
import { z } from "zod";
import {
  listModelsLlmError,
  LlmRequestError,
  malformedStreamError,
  providerLabel,
  streamLlmError,
} from "@/lib/llm/errors";
import type { FinishReason } from "@/lib/llm/finish-reason";
import { hasHeader } from "@/lib/llm/headers";
import { geminiFinishReason } from "@/lib/llm/providers/gemini/finish-reason";
import { fromGeminiSdkError } from "@/lib/llm/providers/gemini/sdk-errors";
import { usageFromGemini } from "@/lib/llm/providers/gemini/usage";
import { providerFetch } from "@/lib/llm/provider-fetch";
import { sseEventBatches } from "@/lib/llm/read-body";
import { streamFromBody } from "@/lib/llm/stream-from-body";
import type {
  LlmError,
  LlmEvent,
  ModelInfo,
  ProviderAdapter,
  ProviderConnection,
  StreamRequest,
  Usage,
} from "@/lib/llm/types";
import { hasAnyUsage, mergeUsage, UNKNOWN_USAGE } from "@/lib/llm/usage";

// Google Gemini through @google/genai: the SDK builds and sends `streamGenerateContent?alt=sse`
// and turns an HTTP error into ApiError. Its own reader splits the body by hand and hides the
// response, so the injected fetch keeps the response it returned, and the body is read here
// (read-body.ts, eventsource-parser); the SDK's lazy stream is never started. Each `data:` event
// is one GenerateContentResponse, read with zod: thought parts are reasoning, other text parts
// the answer, the first candidate only.

/** The API version whose thinkingConfig the adapter sends; the SDK puts it in every path. */
const API_VERSION = "v1beta";
const KEY_HEADER = "x-goog-api-key";
const MODEL_PAGE_SIZE = 1000;
const MODEL_LIST_LIMIT = 1000;

const partSchema = z.object({ text: z.string().nullish(), thought: z.boolean().nullish() });
const chunkSchema = z.object({
  candidates: z
    .array(
      z.object({
        content: z.object({ parts: z.array(partSchema).nullish() }).nullish(),
        finishReason: z.string().nullish(),
      }),
    )
    .nullish(),
  promptFeedback: z.object({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: z.unknown().optional(),
});
const errorChunkSchema = z.object({ error: z.object({}) });

/** An SDK client for one connection: the key in `x-goog-api-key`, no retries, nothing read from this machine. */
function geminiClientFor(connection: ProviderConnection, fetch: typeof providerFetch): GoogleGenAI {
  // A key given here stops the SDK from reading GOOGLE_API_KEY / GEMINI_API_KEY and from falling
  // back to Google Cloud credentials; `vertexai: false` from reading GOOGLE_GENAI_USE_VERTEXAI. A
  // key in the extra headers wins: the SDK does not add its own then.
  return new GoogleGenAI({
    apiKey: connection.apiKey ?? "from-extra-headers",
    vertexai: false,
    // No retryOptions: a retry after text reached the client would send that text twice. No
    // timeout: the SDK would announce it to Google; provider-fetch.ts holds the idle limits.
    httpOptions: { baseUrl: connection.baseUrl, apiVersion: API_VERSION, headers: connection.extraHeaders, fetch },
  });
}

/** The request's contents and config: system prompt apart, a thinking budget on top of max tokens. */
function generateContentRequest(request: StreamRequest): { contents: Content[]; config: GenerateContentConfig } {
  const { params } = request;
  const system = request.messages.filter((message) => message.role === "system").map((message) => message.content);
  const contents = request.messages
    .filter((message) => message.role !== "system")
    .map((message) => ({ role: message.role === "assistant" ? "model" : "user", parts: [{ text: message.content }] }));
  const config: GenerateContentConfig = { automaticContinuation: false };
  if (system.length > 0) config.systemInstruction = system.join("\n\n");
  if (params.temperature !== undefined) config.temperature = params.temperature;
  if (params.topP !== undefined) config.topP = params.topP;
  if (params.stop && params.stop.length > 0) config.stopSequences = params.stop;
  const budget = params.reasoning?.budgetTokens;
  // Gemini counts thoughts inside maxOutputTokens. As for Anthropic, the run's max tokens is the
  // answer's share and the budget is added on top.
  if (budget !== undefined) config.thinkingConfig = { thinkingBudget: Math.floor(budget), includeThoughts: true };
  if (params.maxTokens !== undefined) config.maxOutputTokens = params.maxTokens + (budget ?? 0);
  return { contents, config };
}

/** Sends the request through the SDK and hands back the raw body the injected fetch kept. */
async function sendStream(request: StreamRequest, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const { connection } = request;
  const kept: { response?: Response } = {};
  const client = geminiClientFor(connection, async (input, init) => {
    const response = await providerFetch(input, init);
    kept.response = response;
    return response;
  });
  const { contents, config } = generateContentRequest(request);
  try {
    await client.models.generateContentStream({
      model: connection.model,
      contents,
      config: { ...config, abortSignal: signal },
    });
  } catch (error) {
    throw fromGeminiSdkError(error, connection);
  }
  const body = kept.response?.body;
  if (!body) throw new TypeError("The response had no body.");
  return body;
}

type ReplyState = { usage: Usage; promptSent: boolean; finishReason: FinishReason | null };

/** The events of one chunk; an LlmError when it is an error or unreadable. */
function readChunk(
  message: EventSourceMessage,
  connection: ProviderConnection,
  state: ReplyState,
  events: LlmEvent[],
): LlmError | null {
  if (!message.data) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(message.data);
  } catch {
    return malformedStreamError(connection, "an event was not valid JSON");
  }
  if (errorChunkSchema.safeParse(raw).success) {
    // What was counted so far still goes out, before the failure.
    if (hasAnyUsage(state.usage)) events.push({ type: "usage", usage: state.usage });
    return streamLlmError(connection, raw);
  }
  const chunk = chunkSchema.safeParse(raw);
  if (!chunk.success) return malformedStreamError(connection, "an event was not a GenerateContentResponse");
  const reported = usageFromGemini(chunk.data.usageMetadata);
  if (reported) state.usage = mergeUsage(state.usage, reported);
  if (reported && !state.promptSent) {
    // The prompt is known from the first chunk on; the answer's counts are final at the end.
    const { promptTokens, cachedTokens } = reported;
    events.push({ type: "usage", usage: { ...UNKNOWN_USAGE, promptTokens, cachedTokens } });
    state.promptSent = true;
  }
  const candidate = chunk.data.candidates?.[0];
  for (const part of candidate?.content?.parts ?? []) {
    if (!part.text) continue;
    events.push({ type: part.thought ? "reasoning-delta" : "text-delta", text: part.text });
  }
  if (candidate?.finishReason) state.finishReason = geminiFinishReason(candidate.finishReason);
  else if (chunk.data.promptFeedback?.blockReason && !candidate) state.finishReason = "content_filter";
  // The counts as of the finish, and again should a usage-only chunk follow it.
  if (state.finishReason !== null && reported && hasAnyUsage(state.usage))
    events.push({ type: "usage", usage: state.usage });
  return null;
}

function streamGenerateContent(request: StreamRequest, signal: AbortSignal): AsyncGenerator<LlmEvent> {
  const { connection } = request;
  const state: ReplyState = { usage: UNKNOWN_USAGE, promptSent: false, finishReason: null };
  return streamFromBody<EventSourceMessage>({
    connection,
    signal,
    send: async () => {
      if (connection.apiKey === null && !hasHeader(connection.extraHeaders, KEY_HEADER)) {
        // Without a key the SDK would look for Google Cloud credentials of this machine.
        const message = `${providerLabel(connection)} requires an API key. Add one to the configuration.`;
        return { error: { code: "auth_failed", message } };
      }
      return { body: await sendStream(request, signal) };
    },
    batches: sseEventBatches,
    readItem: (message, events) => {
      const failure = readChunk(message, connection, state, events);
      return failure ? { type: "error", error: failure } : null;
    },
    // Read to the end: Gemini closes the stream after the chunk with finishReason, and a
    // usage-only chunk may come after it.
    finishReason: () => state.finishReason,
  });
}

const modelSchema = z.object({
  name: z.string().min(1),
  displayName: z.string().nullish(),
  supportedActions: z.array(z.string()).nullish(),
});

/** Gemini's models API (all pages, up to a sane cap), models that can generateContent only; throws LlmRequestError. */
async function listGeminiModels(connection: ProviderConnection, signal: AbortSignal): Promise<ModelInfo[]> {
  const models: ModelInfo[] = [];
  try {
    const pager = await geminiClientFor(connection, providerFetch).models.list({
      config: { pageSize: MODEL_PAGE_SIZE, abortSignal: signal },
    });
    for await (const item of pager) {
      const model = modelSchema.safeParse(item);
      if (!model.success) continue;
      // A server that does not say what a model supports keeps it in the list.
      const { name, displayName, supportedActions } = model.data;
      if (supportedActions && !supportedActions.includes("generateContent")) continue;
      const id = name.replace(/^models\//, "");
      models.push({ id, ...(displayName ? { name: displayName } : {}) });
      if (models.length >= MODEL_LIST_LIMIT) break;
    }
  } catch (error) {
    throw new LlmRequestError(
      listModelsLlmError(fromGeminiSdkError(error, connection), connection, { signal, path: `/${API_VERSION}/models` }),
    );
  }
  return models;
}

/** The adapter for `gemini`. */
export const geminiAdapter: ProviderAdapter = {
  stream: (request, { signal }) => streamGenerateContent(request, signal),
  listModels: (connection, { signal }) => listGeminiModels(connection, signal),
};
