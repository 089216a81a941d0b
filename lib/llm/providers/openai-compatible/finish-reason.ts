import { finishReasonFrom, type FinishReason } from "@/lib/llm/finish-reason";

// OpenAI's finish reasons are the unified vocabulary; only the legacy `function_call` is renamed.
const CHAT_FINISH_REASONS: Record<string, FinishReason> = {
  stop: "stop",
  length: "length",
  content_filter: "content_filter",
  tool_calls: "tool_calls",
  function_call: "tool_calls",
};

/** A chat-completions `finish_reason` (OpenAI, OpenRouter, compatible servers) in the unified vocabulary. */
export function chatFinishReason(raw: string): FinishReason {
  return finishReasonFrom(CHAT_FINISH_REASONS, raw);
}
