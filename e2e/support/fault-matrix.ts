// The provider fault matrix: one row per failure a provider connection can show, with what the
// client must receive and what must be saved. Shared by the in-process run test
// (lib/runs/fault-matrix.integration.test.ts: saved record, retries, handles) and the end-to-end
// spec (e2e/api-stream-faults.spec.ts: the events a client sees through the real server).
import { hugeChunkText, INVALID_UTF8_DECODED, replyText, tokenize } from "../../lib/simulator/reply";

export type FaultProvider = "openai" | "openrouter" | "anthropic" | "ollama" | "gemini";
export const FAULT_PROVIDERS: readonly FaultProvider[] = ["openai", "openrouter", "anthropic", "ollama", "gemini"];

export const FAULT_BASE_PATHS: Record<FaultProvider, string> = {
  openai: "/openai/v1",
  openrouter: "/openrouter/api/v1",
  anthropic: "/anthropic",
  ollama: "/ollama",
  gemini: "/gemini",
};

export const FAULT_MODELS: Record<FaultProvider, string> = {
  openai: "gpt-4o-mini",
  openrouter: "openai/gpt-4o-mini",
  anthropic: "claude-sonnet-5",
  ollama: "llama3.2",
  gemini: "gemini-2.5-flash",
};

/** Where the connection points: the simulator, a closed port, or a host that does not resolve. */
type FaultTarget = "simulator" | "refused" | "unknown-host";

/** How much of the reply the saved message (and the client) must hold. */
type FaultText = "none" | "partial" | "full";

export type FaultCase = {
  name: string;
  target: FaultTarget;
  /** Simulator scenario appended to the model (`~scenario`). */
  scenario?: string;
  /** Configuration timeouts; the stall rows need short ones. */
  timeouts?: { firstTokenTimeoutMs: number; totalTimeoutMs: number };
  expect: {
    final: "done" | "error";
    saved: "complete" | "error";
    code?: string;
    status?: number;
    retryAfterSeconds?: number;
    message?: RegExp;
    text: FaultText;
  };
  /** Providers the row does not apply to (none so far). */
  skipFor?: readonly FaultProvider[];
};

// Every answer token is sent at once (`fast`) so the matrix stays quick; faults after 4 tokens.
export const FAULT_CASES: readonly FaultCase[] = [
  {
    name: "connection refused",
    target: "refused",
    expect: {
      final: "error",
      saved: "error",
      code: "upstream_unavailable",
      message: /^Could not reach the server at 127\.0\.0\.1:\d+\./,
      text: "none",
    },
  },
  {
    name: "unknown host",
    target: "unknown-host",
    expect: {
      final: "error",
      saved: "error",
      code: "upstream_unavailable",
      message: /DNS lookup failed/,
      text: "none",
    },
  },
  {
    name: "HTTP 401",
    target: "simulator",
    scenario: "http-401",
    expect: { final: "error", saved: "error", code: "auth_failed", status: 401, message: /API key/, text: "none" },
  },
  {
    name: "HTTP 404 model",
    target: "simulator",
    scenario: "http-404",
    expect: { final: "error", saved: "error", code: "model_not_found", status: 404, message: /model/, text: "none" },
  },
  {
    // Gemini sends the wait as a RetryInfo detail of the body instead of the header.
    name: "HTTP 429 with Retry-After",
    target: "simulator",
    scenario: "http-429",
    expect: {
      final: "error",
      saved: "error",
      code: "rate_limited",
      status: 429,
      retryAfterSeconds: 7,
      message: /Try again in 7 s/,
      text: "none",
    },
  },
  {
    name: "HTTP 500",
    target: "simulator",
    scenario: "http-500",
    expect: { final: "error", saved: "error", code: "upstream_unavailable", status: 500, text: "none" },
  },
  {
    name: "HTTP 503",
    target: "simulator",
    scenario: "http-503",
    expect: { final: "error", saved: "error", code: "upstream_unavailable", status: 503, text: "none" },
  },
  {
    name: "malformed JSON in the stream",
    target: "simulator",
    scenario: "fast+malformed-4",
    expect: { final: "error", saved: "error", code: "upstream_protocol", text: "partial" },
  },
  {
    name: "in-band error after partial output",
    target: "simulator",
    scenario: "fast+midstream-error-4",
    expect: { final: "error", saved: "error", text: "partial" },
  },
  {
    name: "stall before the first byte",
    target: "simulator",
    scenario: "stall-first-byte-30000",
    timeouts: { firstTokenTimeoutMs: 1000, totalTimeoutMs: 5000 },
    expect: { final: "error", saved: "error", code: "timeout", message: /first token/, text: "none" },
  },
  {
    name: "stall mid-stream",
    target: "simulator",
    scenario: "fast+stall-midstream-30000",
    timeouts: { firstTokenTimeoutMs: 1000, totalTimeoutMs: 1500 },
    expect: { final: "error", saved: "error", code: "timeout", message: /end of the reply/, text: "partial" },
  },
  {
    name: "connection reset mid-stream",
    target: "simulator",
    scenario: "fast+drop-4",
    expect: { final: "error", saved: "error", code: "upstream_protocol", message: /lost|closed/, text: "partial" },
  },
  {
    name: "stream ends without its terminator",
    target: "simulator",
    scenario: "fast+truncated-4",
    expect: { final: "error", saved: "error", code: "upstream_protocol", message: /before finishing/, text: "partial" },
  },
  {
    name: "a single 1 MB chunk",
    target: "simulator",
    scenario: "fast+huge-chunk",
    expect: { final: "done", saved: "complete", text: "full" },
  },
  {
    name: "invalid UTF-8",
    target: "simulator",
    scenario: "fast+invalid-utf8-4",
    expect: { final: "done", saved: "complete", text: "full" },
  },
];

/** The full reply the simulator sends for `prompt` under the case's scenario (for "full" rows). */
export function expectedFullText(fault: FaultCase, prompt: string): string {
  const tokens = tokenize(replyText(prompt));
  if (fault.scenario?.includes("huge-chunk")) tokens.splice(Math.min(2, tokens.length), 0, hugeChunkText());
  if (fault.scenario?.includes("invalid-utf8")) {
    // The raw bytes sit inside the delta after the fourth answer token.
    return [...tokens.slice(0, 4), INVALID_UTF8_DECODED, ...tokens.slice(4)].join("");
  }
  return tokens.join("");
}

/**
 * The configuration fields of one matrix row: the model with its scenario, the base URL its target
 * names (the simulator, `closedPort`, or a host that does not resolve), the request tag, the timeouts.
 */
export function faultConfiguration(
  fault: FaultCase,
  provider: FaultProvider,
  { simulatorUrl, closedPort, tag, apiKey }: { simulatorUrl: string; closedPort: number; tag: string; apiKey: string },
) {
  const origin =
    fault.target === "refused"
      ? `http://127.0.0.1:${closedPort}`
      : fault.target === "unknown-host"
        ? "http://llmm-fault-matrix.invalid"
        : simulatorUrl;
  return {
    provider,
    model: fault.scenario ? `${FAULT_MODELS[provider]}~${fault.scenario}` : FAULT_MODELS[provider],
    baseUrl: `${origin}${FAULT_BASE_PATHS[provider]}`,
    apiKey: provider === "ollama" ? undefined : apiKey,
    extraHeaders: { "X-Simulator-Tag": tag },
    ...fault.timeouts,
  };
}

/** The prompt of one matrix row (distinct per row and provider, so replies are told apart). */
export function faultPrompt(fault: FaultCase, provider: FaultProvider): string {
  return `Fault matrix: ${fault.name} on ${provider}`;
}
