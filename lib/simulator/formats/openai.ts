// OpenAI chat completions, and the generic OpenAI-compatible servers behind /local and /custom.
//   openai: `usage: null` on every chunk and `obfuscation` padding when include_usage is set,
//           reasoning counted in usage but never streamed (like the real API).
//   local:  llama.cpp/vLLM/DeepSeek style: `delta.reasoning_content` with `content: null`,
//           usage without details (`prompt_tokens_details: null`).
//   custom: `delta.reasoning`, usage details with null leaves (`accepted_prediction_tokens: null`).
import type { IncomingHttpHeaders } from "node:http";
import {
  bearerKey,
  booleanField,
  conversationTexts,
  header,
  isObject,
  isReasoningModel,
  isRefusedKey,
  jsonReply,
  numberField,
  objectField,
  stringField,
  stringList,
} from "../body";
import type { ChatRequest } from "../plan";
import { REQUIRED_HEADER, type Scenario } from "../scenarios";
import type { Json, PlainReply, Plan, StreamEncoder } from "../types";
import { completionTokens, SSE_CONTENT_TYPE, type ChatFormat, type EncoderArgs } from "./format";

export type OpenAiVariant = "openai" | "local" | "custom";

const MIDSTREAM_ERROR = {
  error: {
    message:
      "The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error.",
    type: "server_error",
    param: null,
    code: null,
  },
};

/** Reads an OpenAI-style chat completion body (also used by OpenRouter). */
export function parseOpenAiChat(body: Json | null): ChatRequest | { error: string } {
  if (!isObject(body)) return { error: "We could not parse the JSON body of your request." };
  const model = stringField(body, "model");
  if (!model) return { error: "you must provide a model parameter" };
  const messages = body.messages;
  if (!Array.isArray(messages)) return { error: "Missing required parameter: 'messages'." };
  const effort = stringField(body, "reasoning_effort");
  const reasoning = objectField(body, "reasoning");
  const includeReasoning = booleanField(body, "include_reasoning");
  let wantsReasoning: boolean | null = null;
  if (effort !== null) wantsReasoning = effort !== "none";
  if (reasoning) wantsReasoning = reasoning.enabled !== false && reasoning.effort !== "none";
  if (includeReasoning !== null) wantsReasoning = includeReasoning;
  const streamOptions = objectField(body, "stream_options");
  return {
    model,
    stream: booleanField(body, "stream") === true,
    ...conversationTexts(messages),
    maxTokens: numberField(body, "max_completion_tokens") ?? numberField(body, "max_tokens"),
    stop: stringList(body.stop),
    wantsReasoning,
    reasoningExcluded: reasoning?.exclude === true,
    thinkingBudget: null,
    includeUsage: streamOptions?.include_usage === true,
  };
}

/** OpenAI's finish reason for a plan (stop sequences count as "stop"). */
export function openAiFinishReason(plan: Plan): "stop" | "length" {
  return plan.finishReason === "length" ? "length" : "stop";
}

function usageBody(plan: Plan, variant: OpenAiVariant, scenario: Scenario): Json {
  if (scenario.usage === "nulls") {
    return {
      prompt_tokens: null,
      completion_tokens: null,
      total_tokens: null,
      prompt_tokens_details: null,
      completion_tokens_details: { reasoning_tokens: null, accepted_prediction_tokens: null },
    };
  }
  const completion = completionTokens(plan);
  const counts = {
    prompt_tokens: plan.promptTokens,
    completion_tokens: completion,
    total_tokens: plan.promptTokens + completion,
  };
  if (variant === "local") return { ...counts, prompt_tokens_details: null };
  if (variant === "custom") {
    return {
      ...counts,
      prompt_tokens_details: { cached_tokens: plan.cachedTokens },
      completion_tokens_details: {
        reasoning_tokens: plan.thinking.length,
        accepted_prediction_tokens: null,
        rejected_prediction_tokens: null,
      },
    };
  }
  return {
    ...counts,
    prompt_tokens_details: { cached_tokens: plan.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: plan.thinking.length,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

const OBFUSCATION = "Rt4hxkq9Zpb7Wm2";

class OpenAiEncoder implements StreamEncoder {
  readonly contentType = SSE_CONTENT_TYPE;
  readonly framing = "sse";
  private chunks = 0;

  constructor(
    private readonly args: EncoderArgs,
    private readonly variant: OpenAiVariant,
  ) {}

  private chunk(choices: Json[], usage?: Json): string {
    const { plan, request, context } = this.args;
    const chunk: { [key: string]: Json } = {
      id: `chatcmpl-sim${context.id}`,
      object: "chat.completion.chunk",
      created: context.createdSeconds,
      model: plan.model,
    };
    if (this.variant === "openai") Object.assign(chunk, { service_tier: "default", system_fingerprint: "fp_sim0001" });
    if (this.variant === "local") chunk.system_fingerprint = "b6543-sim";
    chunk.choices = choices;
    if (usage !== undefined) chunk.usage = usage;
    else if (this.variant === "openai" && request.includeUsage) chunk.usage = null;
    this.chunks += 1;
    if (this.variant === "openai") chunk.obfuscation = OBFUSCATION.slice(0, 1 + (this.chunks % 7));
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }

  private delta(delta: Json, finishReason: string | null = null): string {
    const choice: { [key: string]: Json } = { index: 0, delta };
    if (this.variant !== "custom") choice.logprobs = null;
    choice.finish_reason = finishReason;
    return this.chunk([choice]);
  }

  start(): string[] {
    const delta: Json =
      this.variant === "openai"
        ? { role: "assistant", content: "", refusal: null }
        : { role: "assistant", content: "" };
    return [this.delta(delta)];
  }
  thinkingDelta(text: string): string {
    return this.delta(
      this.variant === "local" ? { content: null, reasoning_content: text } : { content: "", reasoning: text },
    );
  }
  thinkingDone(): string {
    return "";
  }
  textDelta(text: string): string {
    return this.delta({ content: text });
  }
  heartbeat(): string {
    return "";
  }
  finish(): string {
    const { plan, request, scenario } = this.args;
    let frames = this.delta({}, openAiFinishReason(plan));
    if (request.includeUsage && scenario.usage !== "none")
      frames += this.chunk([], usageBody(plan, this.variant, scenario));
    return `${frames}data: [DONE]\n\n`;
  }
  midstreamError(): string {
    return `data: ${JSON.stringify(MIDSTREAM_ERROR)}\n\n`;
  }
  malformed(): string {
    return `data: {"id":"chatcmpl-sim${this.args.context.id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"oops"\n\n`;
  }
}

const MODELS: Record<OpenAiVariant, string[]> = {
  openai: ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "o4-mini", "gpt-5-mini"],
  local: ["llama-3.1-8b-instruct", "qwen3-8b", "deepseek-r1-distill-qwen-7b"],
  custom: ["gateway-default", "gateway-reasoning"],
};

function errorBody(
  status: number,
  message: string | undefined,
  model: string | null | undefined,
  key: string | null,
): { message: string; type: string; code: string | null } {
  switch (status) {
    case 401:
      return key
        ? {
            message:
              message ??
              `Incorrect API key provided: ${key.slice(0, 8)}****${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            type: "invalid_request_error",
            code: "invalid_api_key",
          }
        : {
            message:
              message ??
              "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            type: "invalid_request_error",
            code: null,
          };
    case 403:
      return {
        message: message ?? "You are not allowed to sample from this model",
        type: "invalid_request_error",
        code: null,
      };
    case 404:
      return {
        message: message ?? `The model \`${model ?? "unknown"}\` does not exist or you do not have access to it.`,
        type: "invalid_request_error",
        code: "model_not_found",
      };
    case 429:
      return {
        message:
          message ??
          `Rate limit reached for ${model ?? "this model"} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 7s.`,
        type: "requests",
        code: "rate_limit_exceeded",
      };
    default:
      if (status >= 500)
        return {
          message: message ?? "The server had an error while processing your request. Sorry about that!",
          type: "server_error",
          code: null,
        };
      return { message: message ?? "Invalid request.", type: "invalid_request_error", code: null };
  }
}

function openAiErrorReply(
  status: number,
  options: { message?: string; model?: string | null; key?: string | null },
): PlainReply {
  const error = errorBody(status, options.message, options.model, options.key ?? null);
  const headers: Record<string, string | number> = {};
  if (status === 429)
    Object.assign(headers, {
      "retry-after": 7,
      "x-ratelimit-limit-requests": 3,
      "x-ratelimit-remaining-requests": 0,
      "x-ratelimit-reset-requests": "7s",
    });
  return jsonReply(
    status,
    { error: { message: error.message, type: error.type, param: null, code: error.code } },
    headers,
  );
}

export function openAiCompatibleFormat(variant: OpenAiVariant): ChatFormat {
  return {
    parse: parseOpenAiChat,
    authenticate(headers: IncomingHttpHeaders): PlainReply | null {
      const key = bearerKey(headers);
      if (key === null) return variant === "openai" ? openAiErrorReply(401, {}) : null;
      return isRefusedKey(key) ? openAiErrorReply(401, { key }) : null;
    },
    errorReply: (status, options) => openAiErrorReply(status, options),
    check(_request, _baseModel, scenario, headers) {
      if (!scenario.requireHeader || header(headers, REQUIRED_HEADER)) return null;
      return openAiErrorReply(403, {
        message: `Missing required header ${REQUIRED_HEADER}: the gateway refuses requests without it.`,
      });
    },
    reasoning(request, baseModel, scenario) {
      const byDefault = request.wantsReasoning !== false && isReasoningModel(baseModel);
      return {
        enabled: scenario.reasoning || request.wantsReasoning === true || byDefault,
        visible: variant !== "openai",
      };
    },
    encoder: (args) => new OpenAiEncoder(args, variant),
    complete({ plan, scenario, context }): PlainReply {
      const message: { [key: string]: Json } = { role: "assistant", content: plan.text.join("") };
      if (variant === "openai") Object.assign(message, { refusal: null, annotations: [] });
      if (plan.thinking.length > 0 && plan.thinkingVisible)
        message[variant === "local" ? "reasoning_content" : "reasoning"] = plan.thinking.join("");
      const body: { [key: string]: Json } = {
        id: `chatcmpl-sim${context.id}`,
        object: "chat.completion",
        created: context.createdSeconds,
        model: plan.model,
        choices: [{ index: 0, message, logprobs: null, finish_reason: openAiFinishReason(plan) }],
      };
      if (scenario.usage !== "none") body.usage = usageBody(plan, variant, scenario);
      if (variant === "openai") Object.assign(body, { service_tier: "default", system_fingerprint: "fp_sim0001" });
      return jsonReply(200, body);
    },
    models(): PlainReply {
      const owner = variant === "openai" ? "system" : "organization_owner";
      return jsonReply(200, {
        object: "list",
        data: MODELS[variant].map((id) => ({ id, object: "model", created: 1721172741, owned_by: owner })),
      });
    },
  };
}
