import { finishReasonFrom, type FinishReason } from "@/lib/llm/finish-reason";

// Gemini's FinishReason values (@google/genai `FinishReason`); a blocked prompt has no candidate
// and is read as a content filter too (adapter.ts).
const FINISH_REASONS: Record<string, FinishReason> = {
  STOP: "stop",
  MAX_TOKENS: "length",
  SAFETY: "content_filter",
  RECITATION: "content_filter",
  BLOCKLIST: "content_filter",
  PROHIBITED_CONTENT: "content_filter",
  SPII: "content_filter",
  IMAGE_SAFETY: "content_filter",
  IMAGE_PROHIBITED_CONTENT: "content_filter",
  IMAGE_RECITATION: "content_filter",
};

/** Gemini's `finishReason` in the unified vocabulary (LANGUAGE, OTHER, MALFORMED_FUNCTION_CALL and newer ones are "other"). */
export function geminiFinishReason(raw: string): FinishReason {
  return finishReasonFrom(FINISH_REASONS, raw);
}
