// OpenRouter: OpenAI-compatible chunks plus `provider` and `native_finish_reason`, `: OPENROUTER
// PROCESSING` comment lines, `delta.reasoning` + `reasoning_details`, usage (with cost) always in a
// final `choices: []` chunk, and in-band errors as a chunk with `error` and finish_reason "error".
import type { IncomingHttpHeaders } from "node:http";
import { bearerKey, isReasoningModel, isRefusedKey, jsonReply } from "../body";
import type { Json, PlainReply, Plan, StreamEncoder } from "../types";
import { completionTokens, SSE_CONTENT_TYPE, type ChatFormat, type EncoderArgs } from "./format";
import { openAiFinishReason, parseOpenAiChat } from "./openai";

const PROCESSING = ": OPENROUTER PROCESSING\n\n";

const MODELS: { id: string; name: string; context: number }[] = [
  { id: "deepseek/deepseek-r1", name: "DeepSeek: R1", context: 163840 },
  { id: "openai/gpt-4o-mini", name: "OpenAI: GPT-4o-mini", context: 128000 },
  { id: "anthropic/claude-sonnet-4.5", name: "Anthropic: Claude Sonnet 4.5", context: 1000000 },
  { id: "meta-llama/llama-3.1-8b-instruct", name: "Meta: Llama 3.1 8B Instruct", context: 131072 },
];

function upstreamProvider(model: string): string {
  const vendor = model.split("/")[0] ?? "";
  const names: Record<string, string> = {
    deepseek: "DeepSeek",
    openai: "OpenAI",
    anthropic: "Anthropic",
    "meta-llama": "Together",
    google: "Google",
  };
  return names[vendor] ?? "SimProvider";
}

function nativeFinishReason(plan: Plan, provider: string): string {
  if (provider === "Anthropic")
    return plan.finishReason === "length"
      ? "max_tokens"
      : plan.finishReason === "stop_sequence"
        ? "stop_sequence"
        : "end_turn";
  return openAiFinishReason(plan);
}

function usageBody(plan: Plan): Json {
  const completion = completionTokens(plan);
  const cost = Number((plan.promptTokens * 0.00000055 + completion * 0.00000219).toFixed(8));
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: completion,
    total_tokens: plan.promptTokens + completion,
    cost,
    is_byok: false,
    prompt_tokens_details: { cached_tokens: plan.cachedTokens, audio_tokens: 0 },
    cost_details: {
      upstream_inference_cost: null,
      upstream_inference_prompt_cost: 0,
      upstream_inference_completions_cost: 0,
    },
    completion_tokens_details: { reasoning_tokens: plan.thinking.length, image_tokens: 0 },
  };
}

class OpenRouterEncoder implements StreamEncoder {
  readonly contentType = SSE_CONTENT_TYPE;
  readonly framing = "sse";
  private readonly provider: string;

  constructor(private readonly args: EncoderArgs) {
    this.provider = upstreamProvider(args.plan.model);
  }

  private chunk(fields: { [key: string]: Json }): string {
    const { plan, context } = this.args;
    const chunk = {
      id: `gen-${context.createdSeconds}-sim${context.id}`,
      provider: this.provider,
      model: plan.model,
      object: "chat.completion.chunk",
      created: context.createdSeconds,
      ...fields,
    };
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }

  private delta(delta: Json, finishReason: string | null = null, nativeReason: string | null = null): string {
    return this.chunk({
      choices: [{ index: 0, delta, finish_reason: finishReason, native_finish_reason: nativeReason, logprobs: null }],
    });
  }

  start(): string[] {
    return [PROCESSING, PROCESSING];
  }
  thinkingDelta(text: string): string {
    return this.delta({
      role: "assistant",
      content: "",
      reasoning: text,
      reasoning_details: [{ type: "reasoning.text", text, format: "unknown", index: 0 }],
    });
  }
  thinkingDone(): string {
    return this.delta({
      role: "assistant",
      content: "",
      reasoning: "",
      reasoning_details: [{ type: "reasoning.text", signature: "ErUBCkYIBxgCIkDsim", format: "unknown", index: 0 }],
    });
  }
  textDelta(text: string): string {
    return this.delta({ role: "assistant", content: text });
  }
  heartbeat(): string {
    return "";
  }
  finish(): string {
    const { plan, scenario } = this.args;
    let frames = this.delta(
      { role: "assistant", content: "" },
      openAiFinishReason(plan),
      nativeFinishReason(plan, this.provider),
    );
    if (scenario.usage !== "none") frames += this.chunk({ choices: [], usage: usageBody(plan) });
    return `${frames}data: [DONE]\n\n`;
  }
  midstreamError(): string {
    return this.chunk({
      error: { code: "server_error", message: "Provider disconnected unexpectedly" },
      choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
    });
  }
  malformed(): string {
    return `data: {"id":"gen-sim${this.args.context.id}","provider":"${this.provider}","choices":[{"index":0,"delta":{"content":"oops"\n\n`;
  }
}

function errorMessage(status: number, model: string | null | undefined, keyGiven: boolean): string {
  switch (status) {
    case 401:
      return keyGiven ? "User not found." : "No auth credentials found";
    case 402:
      return "Insufficient credits. Add more using https://openrouter.ai/settings/credits";
    case 403:
      return "Your input was flagged by the moderation of the selected model.";
    case 404:
      return `No endpoints found for ${model ?? "this model"}.`;
    case 408:
      return "Request timed out.";
    case 429:
      return "Rate limit exceeded: free-models-per-min.";
    case 502:
      return "Provider returned error";
    case 503:
      return "No available model provider that meets your routing requirements";
    default:
      return status >= 500 ? "Internal Server Error" : "Bad request";
  }
}

function openRouterErrorReply(
  status: number,
  options: { message?: string; model?: string | null; keyGiven?: boolean },
): PlainReply {
  const error: { [key: string]: Json } = {
    code: status,
    message: options.message ?? errorMessage(status, options.model, options.keyGiven ?? true),
  };
  const headers: Record<string, string | number> = {};
  if (status === 429) {
    error.metadata = {
      headers: {
        "X-RateLimit-Limit": "20",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": String(Date.now() + 7000),
      },
    };
    headers["retry-after"] = 7;
  }
  return jsonReply(status, { error }, headers);
}

export const openRouterFormat: ChatFormat = {
  parse: parseOpenAiChat,
  authenticate(headers: IncomingHttpHeaders): PlainReply | null {
    const key = bearerKey(headers);
    if (key === null) return openRouterErrorReply(401, { keyGiven: false });
    return isRefusedKey(key) ? openRouterErrorReply(401, { keyGiven: true }) : null;
  },
  errorReply: (status, options) => openRouterErrorReply(status, options),
  check: () => null,
  reasoning(request, baseModel, scenario) {
    const byDefault = request.wantsReasoning !== false && isReasoningModel(baseModel);
    return {
      enabled: scenario.reasoning || request.wantsReasoning === true || byDefault,
      visible: request.reasoningExcluded !== true,
    };
  },
  encoder: (args) => new OpenRouterEncoder(args),
  complete({ plan, scenario, context }): PlainReply {
    const provider = upstreamProvider(plan.model);
    const message: { [key: string]: Json } = {
      role: "assistant",
      content: plan.text.join(""),
      refusal: null,
      reasoning: plan.thinkingVisible && plan.thinking.length > 0 ? plan.thinking.join("") : null,
    };
    const body: { [key: string]: Json } = {
      id: `gen-${context.createdSeconds}-sim${context.id}`,
      provider,
      model: plan.model,
      object: "chat.completion",
      created: context.createdSeconds,
      choices: [
        {
          logprobs: null,
          finish_reason: openAiFinishReason(plan),
          native_finish_reason: nativeFinishReason(plan, provider),
          index: 0,
          message,
        },
      ],
    };
    if (scenario.usage !== "none") body.usage = usageBody(plan);
    return jsonReply(200, body);
  },
  models(): PlainReply {
    const data = MODELS.map((model) => ({
      id: model.id,
      canonical_slug: model.id,
      name: model.name,
      created: 1737381095,
      description: `${model.name}, served by the LLM Manager simulator.`,
      context_length: model.context,
      architecture: {
        modality: "text->text",
        input_modalities: ["text"],
        output_modalities: ["text"],
        tokenizer: "Other",
        instruct_type: null,
      },
      pricing: {
        prompt: "0.00000055",
        completion: "0.00000219",
        request: "0",
        image: "0",
        web_search: "0",
        internal_reasoning: "0",
      },
      top_provider: { context_length: model.context, max_completion_tokens: 16384, is_moderated: false },
      per_request_limits: null,
      supported_parameters: ["max_tokens", "temperature", "top_p", "stop", "reasoning", "include_reasoning"],
    }));
    return jsonReply(200, { data });
  },
};
