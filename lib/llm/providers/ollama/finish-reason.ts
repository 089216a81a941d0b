import { finishReasonFrom, type FinishReason } from "@/lib/llm/finish-reason";

const DONE_REASONS: Record<string, FinishReason> = { stop: "stop", length: "length" };

/** Ollama's `done_reason` in the unified vocabulary; an empty one is a plain stop (load, unload and newer ones are "other"). */
export function ollamaFinishReason(raw: string | null | undefined): FinishReason {
  return raw ? finishReasonFrom(DONE_REASONS, raw) : "stop";
}
