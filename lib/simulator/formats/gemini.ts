// Google Gemini (Generative Language API, v1beta): `POST models/{model}:streamGenerateContent?alt=sse`
// answers `data: <GenerateContentResponse>` events separated by CRLF CRLF, JSON written the way
// Google's serializer does (`": "` after a key, `,` alone between members); thought parts carry
// `"thought": true`; every chunk repeats the cumulative usageMetadata; the last one has finishReason.
// Errors are `{"error": {"code", "message", "status"}}`, pretty-printed over HTTP, one `data:`
// event mid-stream. An invalid key is a 400 (API_KEY_INVALID), a missing one a 403.
import type { IncomingHttpHeaders } from "node:http";
import { contentText, header, isObject, isRefusedKey, numberField, objectField, stringList } from "../body";
import type { ChatRequest } from "../plan";
import type { Json, PlainReply, Plan, StreamEncoder } from "../types";
import { SSE_CONTENT_TYPE, type ChatFormat, type EncoderArgs } from "./format";

const JSON_CONTENT_TYPE = "application/json; charset=UTF-8";
const THOUGHT_SIGNATURE = "CiIB0e2Kb3a4gkvoSimulatorSignatureEqkECqYEARFNMg";
const GENERATE_METHODS = ["generateContent", "countTokens", "createCachedContent", "batchGenerateContent"];

const MODELS: { name: string; displayName: string; methods: string[]; thinking: boolean }[] = [
  { name: "gemini-2.5-flash", displayName: "Gemini 2.5 Flash", methods: GENERATE_METHODS, thinking: true },
  { name: "gemini-2.5-pro", displayName: "Gemini 2.5 Pro", methods: GENERATE_METHODS, thinking: true },
  { name: "gemini-2.5-flash-lite", displayName: "Gemini 2.5 Flash-Lite", methods: GENERATE_METHODS, thinking: true },
  { name: "gemini-2.0-flash", displayName: "Gemini 2.0 Flash", methods: GENERATE_METHODS, thinking: false },
  {
    name: "gemini-embedding-001",
    displayName: "Gemini Embedding 001",
    methods: ["embedContent", "countTextTokens", "countTokens", "asyncBatchEmbedContent"],
    thinking: false,
  },
];

/** Google's JSON spacing: a space after each colon, none after commas. */
function googleJson(value: Json): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(googleJson).join(",")}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${JSON.stringify(key)}: ${googleJson(item)}`)
    .join(",")}}`;
}

function event(value: Json): string {
  return `data: ${googleJson(value)}\r\n\r\n`;
}

/** Models that think by default (a budget of 0 turns it off, where the model allows it). */
function thinksByDefault(model: string): boolean {
  return /gemini-(2\.5|3)/u.test(model);
}

function finishReason(plan: Plan): string {
  return plan.finishReason === "length" ? "MAX_TOKENS" : "STOP";
}

function responseId(id: number): string {
  return `simGemini${String(id).padStart(6, "0")}`;
}

/** usageMetadata as the API reports it: candidates and thoughts apart, both inside totalTokenCount. */
function usageMetadata(plan: Plan, candidates: number, thoughts: number): { [key: string]: Json } {
  const usage: { [key: string]: Json } = {
    promptTokenCount: plan.promptTokens,
    ...(candidates > 0 ? { candidatesTokenCount: candidates } : {}),
    totalTokenCount: plan.promptTokens + candidates + thoughts,
  };
  if (plan.cachedTokens > 0) usage.cachedContentTokenCount = plan.cachedTokens;
  usage.promptTokensDetails = [{ modality: "TEXT", tokenCount: plan.promptTokens }];
  if (plan.cachedTokens > 0) usage.cacheTokensDetails = [{ modality: "TEXT", tokenCount: plan.cachedTokens }];
  if (thoughts > 0) usage.thoughtsTokenCount = thoughts;
  return usage;
}

class GeminiEncoder implements StreamEncoder {
  readonly contentType = SSE_CONTENT_TYPE;
  readonly framing = "sse";
  private thoughts = 0;
  private candidates = 0;

  constructor(private readonly args: EncoderArgs) {}

  /** Thinking the wire does not show still counts, from the first answer chunk on. */
  private thoughtsSoFar(): number {
    const { plan } = this.args;
    return plan.thinkingVisible ? this.thoughts : plan.thinking.length;
  }

  private chunk(part: { [key: string]: Json }, last: boolean): string {
    const { plan, context } = this.args;
    const candidate: { [key: string]: Json } = { content: { parts: [part], role: "model" } };
    if (last) candidate.finishReason = finishReason(plan);
    candidate.index = 0;
    return event({
      candidates: [candidate],
      usageMetadata: usageMetadata(plan, this.candidates, this.thoughtsSoFar()),
      modelVersion: plan.model,
      responseId: responseId(context.id),
    });
  }

  start(): string[] {
    return [];
  }
  thinkingDelta(text: string): string {
    this.thoughts += 1;
    return this.chunk({ text, thought: true }, false);
  }
  thinkingDone(): string {
    return "";
  }
  textDelta(text: string): string {
    this.candidates += 1;
    return this.chunk({ text }, false);
  }
  heartbeat(): string {
    return "";
  }
  finish(): string {
    // Thinking models end on an empty text part that carries the thought signature.
    const part: { [key: string]: Json } = { text: "" };
    if (this.args.plan.thinking.length > 0) part.thoughtSignature = THOUGHT_SIGNATURE;
    return this.chunk(part, true);
  }
  midstreamError(): string {
    return event({
      error: {
        code: 503,
        message:
          "This model is currently experiencing high demand. Spikes in demand are usually temporary. Please try again later.",
        status: "UNAVAILABLE",
      },
    });
  }
  malformed(): string {
    return `data: {"candidates": [{"content": {"parts": [{"text": "oops\r\n\r\n`;
  }
}

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "NOT_IMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

function defaultMessage(status: number, model: string | null | undefined): string {
  switch (status) {
    case 401:
      return "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.";
    case 403:
      return "The caller does not have permission";
    case 404:
      return `models/${model ?? "unknown"} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`;
    case 429:
      return "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.";
    case 503:
      return "The model is overloaded. Please try again later.";
    case 504:
      return "Deadline expired before operation could complete.";
    default:
      return status >= 500
        ? "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"
        : "Request contains an invalid argument.";
  }
}

function errorBody(status: number, message: string, details?: Json[]): PlainReply {
  const error: { [key: string]: Json } = {
    code: status,
    message,
    status: STATUS_NAMES[status] ?? (status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION"),
  };
  if (details) error.details = details;
  return {
    status,
    headers: { "content-type": JSON_CONTENT_TYPE },
    body: `${JSON.stringify({ error }, null, 2)}\n`,
  };
}

function geminiErrorReply(status: number, options: { message?: string; model?: string | null }): PlainReply {
  // Gemini sends no Retry-After header: the wait is a RetryInfo detail.
  const details: Json[] | undefined =
    status === 429
      ? [
          {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            violations: [{ quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests" }],
          },
          { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" },
        ]
      : undefined;
  return errorBody(status, options.message ?? defaultMessage(status, options.model), details);
}

function invalidKeyReply(): PlainReply {
  const message = "API key not valid. Please pass a valid API key.";
  return errorBody(400, message, [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
      metadata: { service: "generativelanguage.googleapis.com" },
    },
    { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message },
  ]);
}

/** The text of a Content's parts (`{role, parts: [{text}]}`). */
function partsText(content: Json | undefined): string {
  return isObject(content) ? contentText(content.parts) : "";
}

function parseGemini(body: Json | null, model: string, stream: boolean): ChatRequest | { error: string } {
  if (!isObject(body)) return { error: "Invalid JSON payload received. Unexpected end of string." };
  const contents = body.contents;
  if (!Array.isArray(contents) || contents.length === 0)
    return { error: "* GenerateContentRequest.contents: contents is not specified\n" };
  const config = objectField(body, "generationConfig") ?? {};
  const thinking = objectField(config, "thinkingConfig");
  const budget = thinking ? numberField(thinking, "thinkingBudget") : null;
  const includeThoughts = thinking?.includeThoughts === true;
  const system = partsText(body.systemInstruction);
  const promptTexts = system ? [system] : [];
  let lastUserText = "";
  for (const content of contents) {
    const text = partsText(content);
    promptTexts.push(text);
    if (isObject(content) && content.role !== "model") lastUserText = text;
  }
  return {
    model,
    stream,
    lastUserText,
    promptTexts,
    maxTokens: numberField(config, "maxOutputTokens"),
    stop: stringList(config.stopSequences),
    wantsReasoning: includeThoughts ? true : budget === 0 ? false : null,
    // -1 is a dynamic budget: no cap.
    thinkingBudget: budget !== null && budget > 0 ? budget : null,
    includeUsage: true,
  };
}

/** The Gemini format; `stream` tells streamGenerateContent from generateContent, which share the body. */
export function geminiFormat(options: { stream: boolean; model: string }): ChatFormat {
  return {
    parse: (body) => parseGemini(body, options.model, options.stream),
    authenticate(headers: IncomingHttpHeaders): PlainReply | null {
      const key = header(headers, "x-goog-api-key");
      if (!key)
        return geminiErrorReply(403, {
          message:
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        });
      return isRefusedKey(key) ? invalidKeyReply() : null;
    },
    errorReply: geminiErrorReply,
    check: () => null,
    reasoning: (request, baseModel, scenario) => ({
      enabled:
        scenario.reasoning ||
        request.wantsReasoning === true ||
        (request.wantsReasoning === null && thinksByDefault(baseModel)),
      // Thoughts are on the wire only when the request includes them.
      visible: request.wantsReasoning === true,
    }),
    encoder: (args) => new GeminiEncoder(args),
    complete({ plan, context }): PlainReply {
      const parts: Json[] = [];
      if (plan.thinkingVisible && plan.thinking.length > 0) parts.push({ text: plan.thinking.join(""), thought: true });
      parts.push({ text: plan.text.join("") });
      const body = {
        candidates: [{ content: { parts, role: "model" }, finishReason: finishReason(plan), index: 0 }],
        usageMetadata: usageMetadata(plan, plan.text.length, plan.thinking.length),
        modelVersion: plan.model,
        responseId: responseId(context.id),
      };
      return {
        status: 200,
        headers: { "content-type": JSON_CONTENT_TYPE },
        body: `${JSON.stringify(body, null, 2)}\n`,
      };
    },
    models(): PlainReply {
      const models = MODELS.map((model) => ({
        name: `models/${model.name}`,
        version: "001",
        displayName: model.displayName,
        description: `${model.displayName} (simulated)`,
        inputTokenLimit: 1048576,
        outputTokenLimit: model.methods === GENERATE_METHODS ? 65536 : 1,
        supportedGenerationMethods: model.methods,
        ...(model.methods === GENERATE_METHODS ? { temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2 } : {}),
        ...(model.thinking ? { thinking: true } : {}),
      }));
      return {
        status: 200,
        headers: { "content-type": JSON_CONTENT_TYPE },
        body: `${JSON.stringify({ models }, null, 2)}\n`,
      };
    },
  };
}
