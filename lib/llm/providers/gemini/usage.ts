import { z } from "zod";
import { tokenCountSchema } from "@/lib/llm/usage";
import type { Usage } from "@/lib/llm/types";

const usageMetadataSchema = z.object({
  promptTokenCount: tokenCountSchema,
  candidatesTokenCount: tokenCountSchema,
  thoughtsTokenCount: tokenCountSchema,
  cachedContentTokenCount: tokenCountSchema,
  totalTokenCount: tokenCountSchema,
});

/**
 * Gemini's `usageMetadata` (cumulative, repeated in every chunk); null when `raw` is not one.
 * promptTokenCount includes cached content, as OpenAI's prompt_tokens does. Thoughts are counted
 * apart from the answer (candidatesTokenCount) and, as elsewhere, become part of the completion.
 * Gemini leaves a zero count out (proto3 JSON), so once one of the two is known a missing partner
 * adds nothing; with neither, the completion is not known.
 */
export function usageFromGemini(raw: unknown): Usage | null {
  const parsed = usageMetadataSchema.safeParse(raw);
  if (!parsed.success) return null;
  const usage = parsed.data;
  const candidates = usage.candidatesTokenCount ?? null;
  const thoughts = usage.thoughtsTokenCount ?? null;
  const promptTokens = usage.promptTokenCount ?? null;
  const completionTokens = candidates === null && thoughts === null ? null : (candidates ?? 0) + (thoughts ?? 0);
  const sum = promptTokens !== null && completionTokens !== null ? promptTokens + completionTokens : null;
  return {
    promptTokens,
    completionTokens,
    reasoningTokens: thoughts,
    cachedTokens: usage.cachedContentTokenCount ?? null,
    totalTokens: usage.totalTokenCount ?? sum,
  };
}
