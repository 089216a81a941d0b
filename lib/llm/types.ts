import type { FinishReason } from "@/lib/llm/finish-reason";
import type { ProviderName } from "@/lib/llm/providers/catalog";

// The streaming engine's vocabulary. Adapters turn each provider's wire format into LlmEvents;
// nothing above lib/llm ever parses a provider format.

type ChatRole = "system" | "user" | "assistant";

export type ChatMessage = { role: ChatRole; content: string };

export type ReasoningOptions = {
  /** OpenAI/OpenRouter effort, Ollama `think` level. */
  effort?: "low" | "medium" | "high";
  /** Anthropic extended-thinking budget (1024 ≤ budget < maxTokens); OpenRouter `reasoning.max_tokens`. */
  budgetTokens?: number;
};

export type GenerationParams = {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  reasoning?: ReasoningOptions;
};

/** Everything needed to reach one provider; `baseUrl` is already resolved (never empty). */
export type ProviderConnection = {
  provider: ProviderName;
  baseUrl: string;
  apiKey: string | null;
  model: string;
  extraHeaders: Record<string, string>;
};

export type StreamRequest = {
  connection: ProviderConnection;
  /** System prompt first (when any), then the conversation in order, ending with the user turn. */
  messages: ChatMessage[];
  params: GenerationParams;
};

/** Token usage as reported by a provider; null means "not reported", never a guessed 0. */
export type Usage = {
  promptTokens: number | null;
  completionTokens: number | null;
  reasoningTokens: number | null;
  cachedTokens: number | null;
  totalTokens: number | null;
};

export type LlmErrorCode =
  | "auth_failed"
  | "model_not_found"
  | "rate_limited"
  | "payment_required"
  | "content_refused"
  | "invalid_request"
  | "upstream_unavailable"
  | "upstream_protocol"
  | "upstream_error"
  | "timeout";

/** A provider failure in words a person can act on; never a stack trace or a key. */
export type LlmError = {
  code: LlmErrorCode;
  message: string;
  /** The provider's HTTP status when there was one. */
  status?: number;
  retryAfterSeconds?: number;
};

export type LlmEvent =
  | { type: "text-delta"; text: string }
  | { type: "reasoning-delta"; text: string }
  /** Usage known so far; a later usage event replaces an earlier one field by field. */
  | { type: "usage"; usage: Usage }
  /** The provider said the reply is complete, for this reason (each provider's words mapped, finish-reason.ts). */
  | { type: "finish"; finishReason: FinishReason }
  /** The stream failed; no event follows. A stream that ends without `finish` or `error` is truncated. */
  | { type: "error"; error: LlmError };

export type ModelInfo = { id: string; name?: string; ownedBy?: string };

/** What a call gets besides the connection: its abort signal and the deployment's own address (lib/env.ts appUrl). */
export type CallOptions = { signal: AbortSignal; appUrl: string };

/** One provider's implementation: `adapter.ts` in its folder under lib/llm/providers/, listed in lib/llm/registry.ts. */
export interface ProviderAdapter {
  /** Streams one reply. Aborting `signal` cancels the upstream request at once. Never throws: failures arrive as an `error` event. */
  stream(request: StreamRequest, options: CallOptions): AsyncIterable<LlmEvent>;
  /** The provider's model list. Throws an LlmRequestError on failure. */
  listModels(connection: ProviderConnection, options: CallOptions): Promise<ModelInfo[]>;
}
