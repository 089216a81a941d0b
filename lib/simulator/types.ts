// Shared vocabulary of the provider simulator (lib/simulator). Node built-ins only.

export type ProviderRoute = "openai" | "openrouter" | "anthropic" | "ollama" | "gemini" | "local" | "custom";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One request the simulator answered, as recorded for tests (`GET /__simulator/requests`). */
export type SimulatedRequest = {
  id: number;
  provider: ProviderRoute;
  method: string;
  path: string;
  /** The model as sent (with any `~scenario` suffix); null for listings and unparsable bodies. */
  model: string | null;
  /** The scenario string that applied, e.g. "normal", "slow-20", "reasoning+utf8-split". */
  scenario: string;
  /** From the `X-Simulator-Tag` header. */
  tag: string | null;
  /** HTTP status answered (set when the head is decided). */
  status: number | null;
  /** Request headers; key-bearing values are masked to their last four characters. */
  headers: Record<string, string>;
  /** Epoch milliseconds. */
  startedAt: number;
  firstByteAt: number | null;
  endedAt: number | null;
  /** The script ran to its end (including scripted drops and truncations). */
  completed: boolean;
  /** The client closed the connection before the script ended. */
  clientDisconnected: boolean;
  disconnectedAt: number | null;
  /** Reasoning and text tokens written so far. */
  tokensSent: number;
  /** The parsed JSON request body (null when absent or not JSON). */
  body: Json | null;
};

/** One instruction of a response script; the executor runs them in order. */
export type Step =
  | { kind: "write"; data: string | Uint8Array; tokens: number }
  | { kind: "pause"; ms: number }
  /** Destroy the socket (the `drop` scenario). */
  | { kind: "destroy" };

export type ResponseHead = { status: number; headers: Record<string, string | number> };

/** A complete non-streaming answer (errors, listings, `stream: false`). */
export type PlainReply = { status: number; headers?: Record<string, string | number>; body: string };

type FinishReason = "stop" | "length" | "stop_sequence";

/** What the reply will contain, decided from the request and the scenario. */
export type Plan = {
  /** Model name without the `~scenario` suffix (echoed back like a real provider). */
  model: string;
  thinking: string[];
  /** False for OpenAI's own API, which counts reasoning tokens but never streams them. */
  thinkingVisible: boolean;
  text: string[];
  finishReason: FinishReason;
  stopSequence: string | null;
  promptTokens: number;
  cachedTokens: number;
  firstTokenDelayMs: number;
  delayMs: number;
};

/** Turns plan events into one provider's wire frames. Stateful: one per response. */
export interface StreamEncoder {
  readonly contentType: string;
  /** SSE frames get CRLF line endings in the utf8-split scenario; NDJSON keeps LF. */
  readonly framing: "sse" | "ndjson";
  start(): string[];
  thinkingDelta(text: string): string;
  thinkingDone(): string;
  textDelta(text: string): string;
  /** Emitted every few tokens (Anthropic `ping`); empty string for none. */
  heartbeat(): string;
  /** Final frames including the terminator (`[DONE]`, `message_stop`, `done: true`). */
  finish(): string;
  /** The provider's in-band error after the first byte. */
  midstreamError(): string;
  /** A frame whose data is not JSON. */
  malformed(): string;
}
