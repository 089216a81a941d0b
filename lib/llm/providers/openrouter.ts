import { createOpenAICompatibleAdapter } from "@/lib/llm/providers/openai-compatible";
import type { ReasoningOptions } from "@/lib/llm/types";

// OpenRouter speaks OpenAI chat completions, so the shared implementation does the work. Checked
// against openai-node: its SSE decoder skips `: OPENROUTER PROCESSING` comment lines, passes
// unknown chunk fields through (delta.reasoning and reasoning_details are read there), and throws
// an APIError without status on an in-band error chunk (`error: {code, message}` with
// finish_reason "error"), which lib/llm/errors.ts maps by its code, string or number.

const APP_TITLE = "LLM Manager";

/** OpenRouter's attribution headers; the referer is the deployment's URL when known. */
function attributionHeaders(): Record<string, string> {
  return {
    "HTTP-Referer": process.env.NEXTAUTH_URL || "http://127.0.0.1:3000",
    "X-OpenRouter-Title": APP_TITLE,
  };
}

/** OpenRouter's unified `reasoning` field: a token budget when given (more specific), else an effort. */
function reasoningFields(reasoning: ReasoningOptions): Record<string, unknown> {
  if (reasoning.budgetTokens !== undefined) return { reasoning: { max_tokens: reasoning.budgetTokens } };
  if (reasoning.effort) return { reasoning: { effort: reasoning.effort } };
  return {};
}

/** The adapter for `openrouter`. */
export const openRouterAdapter = createOpenAICompatibleAdapter({ headers: attributionHeaders, reasoningFields });
