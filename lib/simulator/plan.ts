// Decides what a reply contains (reasoning, answer tokens, finish reason, pace) from the parsed
// request and the scenario. Formats only encode the plan.
import { countPromptTokens, cutAtStop, hugeChunkText, longTokens, replyText, thinkingText, tokenize } from "./reply";
import type { Scenario } from "./scenarios";
import type { Plan } from "./types";

/** What every format extracts from its request body. */
export type ChatRequest = {
  /** Model as sent, with any `~scenario` suffix. */
  model: string;
  stream: boolean;
  /** The last user message: the reply echoes it. */
  lastUserText: string;
  /** Every message text (system included), for the prompt token count. */
  promptTexts: string[];
  maxTokens: number | null;
  stop: string[];
  /** true/false when the request says so, null when it does not. */
  wantsReasoning: boolean | null;
  /** OpenRouter `reasoning.exclude`: the model reasons, the reply does not show it. */
  reasoningExcluded?: boolean;
  /** Anthropic `thinking.budget_tokens`. */
  thinkingBudget: number | null;
  /** OpenAI `stream_options.include_usage`. */
  includeUsage: boolean;
};

export type Pacing = { normalDelayMs: number; slowDelayMs: number };

/** Index of the answer token before which a fault happens. */
export function faultPosition(plan: Plan, afterTokens: number | null): number {
  const position = afterTokens ?? Math.max(3, Math.floor(plan.text.length / 3));
  return Math.min(position, plan.text.length);
}

function delays(scenario: Scenario, pacing: Pacing): { firstTokenDelayMs: number; delayMs: number } {
  if (scenario.pace === "fast") return { firstTokenDelayMs: 0, delayMs: 0 };
  if (scenario.pace === "slow") {
    const delayMs = scenario.paceMs ?? pacing.slowDelayMs;
    return { firstTokenDelayMs: delayMs * 4, delayMs };
  }
  return { firstTokenDelayMs: pacing.normalDelayMs * 8, delayMs: pacing.normalDelayMs };
}

export function buildPlan(options: {
  request: ChatRequest;
  baseModel: string;
  scenario: Scenario;
  pacing: Pacing;
  reasoning: boolean;
  thinkingVisible: boolean;
}): Plan {
  const { request, scenario } = options;
  const prompt = request.lastUserText;
  let text = scenario.tokenCount !== null ? longTokens(prompt, scenario.tokenCount) : tokenize(replyText(prompt));
  let finishReason: Plan["finishReason"] = "stop";
  let stopSequence: string | null = null;
  const cut = cutAtStop(text.join(""), request.stop);
  if (cut) {
    text = tokenize(cut.text);
    finishReason = "stop_sequence";
    stopSequence = cut.sequence;
  }
  let thinking = options.reasoning ? tokenize(thinkingText(prompt)) : [];
  if (request.thinkingBudget !== null) thinking = thinking.slice(0, request.thinkingBudget);
  if (request.maxTokens !== null && thinking.length + text.length > request.maxTokens) {
    const limit = Math.max(0, request.maxTokens);
    thinking = thinking.slice(0, limit);
    text = text.slice(0, Math.max(0, limit - thinking.length));
    finishReason = "length";
    stopSequence = null;
  }
  if (scenario.hugeChunk) text.splice(Math.min(2, text.length), 0, hugeChunkText());
  const promptTokens = countPromptTokens(request.promptTexts);
  return {
    model: options.baseModel,
    thinking,
    thinkingVisible: options.thinkingVisible,
    text,
    finishReason,
    stopSequence,
    promptTokens,
    cachedTokens: scenario.cached ? Math.floor(promptTokens / 2) : 0,
    ...delays(scenario, options.pacing),
  };
}
