import { finishReasonFrom, type FinishReason } from "@/lib/llm/finish-reason";

const STOP_REASONS: Record<string, FinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
};

/** Anthropic's `stop_reason` in the unified vocabulary (pause_turn and newer ones are "other"). */
export function anthropicFinishReason(raw: string): FinishReason {
  return finishReasonFrom(STOP_REASONS, raw);
}
