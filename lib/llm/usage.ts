import { z } from "zod";
import type { Usage } from "@/lib/llm/types";

// Providers report usage in many shapes, and OpenAI-compatible servers send every sub-field
// absent, null, or as an object of nulls. A field that is missing or not a count stays null
// ("not reported"), never a fake 0, and nothing here throws.

/** PostgreSQL's integer columns hold the counts: a larger "count" is not one. */
const MAX_COUNT = 2_147_483_647;

/** A token count, or null when absent, null, or not a whole number from 0 to MAX_COUNT (a fraction would also fail the final save). */
const count = z.number().int().nonnegative().max(MAX_COUNT).nullish().catch(null);

/** The same rule for the providers that read their usage in their own folder (gemini/usage.ts). */
export const tokenCountSchema = count;

/** A nested details object, or null when absent or not an object. */
const details = <Shape extends z.ZodRawShape>(shape: Shape) => z.object(shape).nullish().catch(null);

const openAIUsageSchema = z.object({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  prompt_tokens_details: details({ cached_tokens: count }),
  completion_tokens_details: details({ reasoning_tokens: count }),
});

const anthropicUsageSchema = z.object({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: count,
  cache_creation_input_tokens: count,
});

const ollamaUsageSchema = z.object({
  prompt_eval_count: count,
  eval_count: count,
});

/** Usage with every field unknown. */
export const UNKNOWN_USAGE: Usage = {
  promptTokens: null,
  completionTokens: null,
  reasoningTokens: null,
  cachedTokens: null,
  totalTokens: null,
};

function orNull(value: number | null | undefined): number | null {
  return value ?? null;
}

function sumIfKnown(a: number | null, b: number | null): number | null {
  return a !== null && b !== null ? a + b : null;
}

/** OpenAI / OpenRouter / OpenAI-compatible `usage`; null when `raw` is not a usage object. */
export function usageFromOpenAI(raw: unknown): Usage | null {
  const parsed = openAIUsageSchema.safeParse(raw);
  if (!parsed.success) return null;
  const usage = parsed.data;
  const promptTokens = orNull(usage.prompt_tokens);
  const completionTokens = orNull(usage.completion_tokens);
  return {
    promptTokens,
    completionTokens,
    reasoningTokens: orNull(usage.completion_tokens_details?.reasoning_tokens),
    cachedTokens: orNull(usage.prompt_tokens_details?.cached_tokens),
    totalTokens: orNull(usage.total_tokens) ?? sumIfKnown(promptTokens, completionTokens),
  };
}

/**
 * Anthropic `usage` (message_start or message_delta). Anthropic's input_tokens excludes cached
 * input, so the prompt is input + cache reads + cache writes, matching OpenAI's prompt_tokens.
 */
export function usageFromAnthropic(raw: unknown): Usage | null {
  const parsed = anthropicUsageSchema.safeParse(raw);
  if (!parsed.success) return null;
  const usage = parsed.data;
  const input = orNull(usage.input_tokens);
  const promptTokens =
    input === null ? null : input + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0);
  const completionTokens = orNull(usage.output_tokens);
  return {
    promptTokens,
    completionTokens,
    reasoningTokens: null,
    cachedTokens: orNull(usage.cache_read_input_tokens),
    totalTokens: sumIfKnown(promptTokens, completionTokens),
  };
}

/** Ollama's final line (`prompt_eval_count`, `eval_count`); Ollama omits prompt_eval_count when the prompt was cached. */
export function usageFromOllama(raw: unknown): Usage | null {
  const parsed = ollamaUsageSchema.safeParse(raw);
  if (!parsed.success) return null;
  const promptTokens = orNull(parsed.data.prompt_eval_count);
  const completionTokens = orNull(parsed.data.eval_count);
  return {
    promptTokens,
    completionTokens,
    reasoningTokens: null,
    cachedTokens: null,
    totalTokens: sumIfKnown(promptTokens, completionTokens),
  };
}

/** Combines two reports field by field; a known value in `update` wins. */
export function mergeUsage(known: Usage, update: Usage): Usage {
  return {
    promptTokens: update.promptTokens ?? known.promptTokens,
    completionTokens: update.completionTokens ?? known.completionTokens,
    reasoningTokens: update.reasoningTokens ?? known.reasoningTokens,
    cachedTokens: update.cachedTokens ?? known.cachedTokens,
    totalTokens: update.totalTokens ?? known.totalTokens,
  };
}

/** True when at least one field is known. */
export function hasAnyUsage(usage: Usage): boolean {
  return Object.values(usage).some((value) => value !== null);
}
