// Anthropic Messages: `event:` + `data:` lines, message_start (usage) → content blocks (thinking
// with thinking_delta + signature_delta, then text) → message_delta (cumulative output_tokens) →
// message_stop; ping events; JSON spaced and padded like the real API.
import type { IncomingHttpHeaders } from "node:http";
import {
  bearerKey,
  conversationTexts,
  contentText,
  header,
  isObject,
  isRefusedKey,
  jsonReply,
  numberField,
  objectField,
  spacedJson,
  stringField,
  stringList,
} from "../body";
import type { ChatRequest } from "../plan";
import type { Json, PlainReply, Plan, StreamEncoder } from "../types";
import { completionTokens, SSE_CONTENT_TYPE, type ChatFormat, type EncoderArgs } from "./format";

const SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYdsSimulator";
const DOCS = "https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

const MODELS = [
  { id: "claude-sonnet-5", display_name: "Claude Sonnet 5", created_at: "2026-05-12T00:00:00Z" },
  { id: "claude-opus-5", display_name: "Claude Opus 5", created_at: "2026-05-12T00:00:00Z" },
  { id: "claude-haiku-4-5", display_name: "Claude Haiku 4.5", created_at: "2025-10-15T00:00:00Z" },
  { id: "claude-sonnet-4-5", display_name: "Claude Sonnet 4.5", created_at: "2025-09-29T00:00:00Z" },
];

function event(name: string, data: string): string {
  return `event: ${name}\ndata: ${data}\n\n`;
}

/** Compact JSON with spaces before the final brace, as recorded from the real API. */
function padded(value: Json): string {
  return `${JSON.stringify(value).slice(0, -1)}        }`;
}

function stopReason(plan: Plan): string {
  if (plan.finishReason === "length") return "max_tokens";
  return plan.finishReason === "stop_sequence" ? "stop_sequence" : "end_turn";
}

function startUsage(plan: Plan): { [key: string]: Json } {
  return {
    input_tokens: plan.promptTokens - plan.cachedTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: plan.cachedTokens,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: 1,
    service_tier: "standard",
  };
}

class AnthropicEncoder implements StreamEncoder {
  readonly contentType = SSE_CONTENT_TYPE;
  readonly framing = "sse";
  private index = 0;
  private open: "thinking" | "text" | null = null;
  private pinged = false;
  private textStarted = false;

  constructor(private readonly args: EncoderArgs) {}

  private blockStart(block: Json): string {
    let frames = event(
      "content_block_start",
      padded({ type: "content_block_start", index: this.index, content_block: block }),
    );
    if (!this.pinged) frames += this.heartbeat();
    this.pinged = true;
    return frames;
  }

  private blockStop(): string {
    const frames = event("content_block_stop", spacedJson({ type: "content_block_stop", index: this.index }));
    this.index += 1;
    this.open = null;
    return frames;
  }

  private delta(delta: Json): string {
    return event("content_block_delta", spacedJson({ type: "content_block_delta", index: this.index, delta }));
  }

  start(): string[] {
    const { plan, context } = this.args;
    const message = {
      id: `msg_sim${String(context.id).padStart(6, "0")}`,
      type: "message",
      role: "assistant",
      model: plan.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: startUsage(plan),
    };
    return [event("message_start", padded({ type: "message_start", message }))];
  }
  thinkingDelta(text: string): string {
    let frames = "";
    if (this.open !== "thinking") {
      frames += this.blockStart({ type: "thinking", thinking: "", signature: "" });
      this.open = "thinking";
    }
    return frames + this.delta({ type: "thinking_delta", thinking: text });
  }
  thinkingDone(): string {
    if (this.open !== "thinking") return "";
    return this.delta({ type: "signature_delta", signature: SIGNATURE }) + this.blockStop();
  }
  textDelta(text: string): string {
    let frames = "";
    if (this.open !== "text") {
      frames += this.blockStart({ type: "text", text: "" });
      this.open = "text";
      this.textStarted = true;
    }
    return frames + this.delta({ type: "text_delta", text });
  }
  heartbeat(): string {
    return event("ping", spacedJson({ type: "ping" }));
  }
  finish(): string {
    const { plan } = this.args;
    let frames = this.open === "thinking" ? this.thinkingDone() : "";
    // A reply cut to nothing by a stop sequence still has its (empty) text block.
    if (!this.textStarted && plan.finishReason !== "length")
      frames += this.blockStart({ type: "text", text: "" }) + this.blockStop();
    if (this.open === "text") frames += this.blockStop();
    const delta = {
      type: "message_delta",
      delta: { stop_reason: stopReason(plan), stop_sequence: plan.stopSequence },
      usage: { output_tokens: completionTokens(plan) },
    };
    return (
      frames + event("message_delta", spacedJson(delta)) + event("message_stop", spacedJson({ type: "message_stop" }))
    );
  }
  midstreamError(): string {
    return event("error", spacedJson({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }));
  }
  malformed(): string {
    return `event: content_block_delta\ndata: {"type": "content_block_delta", "index": ${this.index}, "delta": {"type": "text_delta", "text": "oops\n\n`;
  }
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  503: "overloaded_error",
  529: "overloaded_error",
};

function defaultMessage(status: number, model: string | null | undefined): string {
  if (status === 404) return `model: ${model ?? "unknown"}`;
  if (status === 429)
    return "Number of request tokens has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage.";
  if (status === 503 || status === 529) return "Overloaded";
  if (status >= 500) return "Internal server error";
  return "Invalid request";
}

function anthropicErrorReply(status: number, options: { message?: string; model?: string | null }): PlainReply {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  const headers: Record<string, string | number> = {
    "x-should-retry": status === 429 || status >= 500 ? "true" : "false",
  };
  if (status === 429)
    Object.assign(headers, {
      "retry-after": 7,
      "anthropic-ratelimit-requests-limit": 50,
      "anthropic-ratelimit-requests-remaining": 0,
    });
  const body = {
    type: "error",
    error: { type, message: options.message ?? defaultMessage(status, options.model) },
    request_id: `req_sim${Date.now()}`,
  };
  return jsonReply(status, body, headers);
}

function parseAnthropic(body: Json | null): ChatRequest | { error: string } {
  if (!isObject(body)) return { error: "There was an issue with your request body: it is not valid JSON." };
  const model = stringField(body, "model");
  if (!model) return { error: "model: Field required" };
  const messages = body.messages;
  if (!Array.isArray(messages)) return { error: "messages: Field required" };
  const maxTokens = numberField(body, "max_tokens");
  if (maxTokens === null) return { error: "max_tokens: Field required" };
  const thinking = objectField(body, "thinking");
  const thinkingType = thinking ? stringField(thinking, "type") : null;
  const budget = thinking ? numberField(thinking, "budget_tokens") : null;
  if (thinkingType === "enabled") {
    if (budget === null || budget < 1024)
      return { error: "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024" };
    if (budget >= maxTokens)
      return {
        error: `\`max_tokens\` must be greater than \`thinking.budget_tokens\`. Please consult our documentation at ${DOCS}#max-tokens-and-context-window-size`,
      };
  }
  const temperature = numberField(body, "temperature");
  if ((thinkingType === "enabled" || thinkingType === "adaptive") && temperature !== null && temperature !== 1) {
    return {
      error: `\`temperature\` may only be set to 1 when thinking is enabled. Please consult our documentation at ${DOCS}#feature-compatibility`,
    };
  }
  const conversation = conversationTexts(messages);
  const system = contentText(body.system);
  return {
    model,
    stream: body.stream === true,
    lastUserText: conversation.lastUserText,
    promptTexts: system ? [system, ...conversation.promptTexts] : conversation.promptTexts,
    maxTokens,
    stop: stringList(body.stop_sequences),
    wantsReasoning: thinkingType === null ? null : thinkingType !== "disabled",
    thinkingBudget: thinkingType === "enabled" ? budget : null,
    includeUsage: true,
  };
}

export const anthropicFormat: ChatFormat = {
  parse: parseAnthropic,
  authenticate(headers: IncomingHttpHeaders): PlainReply | null {
    const key = header(headers, "x-api-key") ?? bearerKey(headers);
    if (!key) return anthropicErrorReply(401, { message: "x-api-key header is required" });
    if (isRefusedKey(key)) return anthropicErrorReply(401, { message: "invalid x-api-key" });
    if (!header(headers, "anthropic-version"))
      return anthropicErrorReply(400, { message: "anthropic-version: header is required" });
    return null;
  },
  errorReply: anthropicErrorReply,
  check: () => null,
  reasoning: (request, _baseModel, scenario) => ({
    enabled: scenario.reasoning || request.wantsReasoning === true,
    visible: true,
  }),
  encoder: (args) => new AnthropicEncoder(args),
  complete({ plan, context }): PlainReply {
    const content: Json[] = [];
    if (plan.thinking.length > 0)
      content.push({ type: "thinking", thinking: plan.thinking.join(""), signature: SIGNATURE });
    content.push({ type: "text", text: plan.text.join("") });
    const usage = { ...startUsage(plan), output_tokens: completionTokens(plan) };
    const body = {
      id: `msg_sim${String(context.id).padStart(6, "0")}`,
      type: "message",
      role: "assistant",
      model: plan.model,
      content,
      stop_reason: stopReason(plan),
      stop_sequence: plan.stopSequence,
      usage,
    };
    return jsonReply(200, body);
  },
  models(): PlainReply {
    const data = MODELS.map((model) => ({ type: "model", ...model }));
    return jsonReply(200, {
      data,
      has_more: false,
      first_id: data[0]?.id ?? null,
      last_id: data[data.length - 1]?.id ?? null,
    });
  },
};
