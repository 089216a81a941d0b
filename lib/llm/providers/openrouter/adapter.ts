import { createOpenAICompatibleAdapter } from "@/lib/llm/providers/openai-compatible/adapter";
import type { CallOptions, ReasoningOptions } from "@/lib/llm/types";

// OpenRouter speaks OpenAI chat completions, so the shared implementation
// (lib/llm/providers/openai-compatible/adapter.ts) does the work: there the body is read with
// eventsource-parser (read-body.ts), which skips the `: OPENROUTER PROCESSING` comment lines;
// `delta.reasoning` and `reasoning_details` become reasoning deltas; and an in-band error chunk
// (`error: {code, message}` with finish_reason "error") becomes an error event, mapped by its
// code, string or number (lib/llm/errors.ts). This file adds the attribution headers and the
// `reasoning` request field.

const APP_TITLE = "LLM Manager";

/** OpenRouter's attribution headers: the referer is the deployment's own address. */
function attributionHeaders({ appUrl }: Pick<CallOptions, "appUrl">): Record<string, string> {
  return { "HTTP-Referer": appUrl, "X-OpenRouter-Title": APP_TITLE };
}

/** OpenRouter's unified `reasoning` field: a token budget when given (more specific), else an effort. */
function reasoningFields(reasoning: ReasoningOptions): Record<string, unknown> {
  if (reasoning.budgetTokens !== undefined) return { reasoning: { max_tokens: reasoning.budgetTokens } };
  if (reasoning.effort) return { reasoning: { effort: reasoning.effort } };
  return {};
}

/** The adapter for `openrouter`. */
export const openRouterAdapter = createOpenAICompatibleAdapter({ headers: attributionHeaders, reasoningFields });
