import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { runLimitsEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ChatMessage } from "@/lib/llm/types";
import { defaultParamsSchema } from "@/lib/validation/configuration";
import type { RunParams } from "@/lib/validation/stream";

// How big a run may be, checked before anything is sent or saved: the output it may ask for
// (maxTokens and thinkingBudget, capped per configuration) and the context it sends (system
// prompt, earlier turns, the new message), never silently truncated.

export type RunSizeLimits = { maxTokensCap: number; maxContextTokens: number };

/** The configuration's maxTokens cap: its own, else RUN_MAX_TOKENS_CAP. */
export function maxTokensCapOf(
  configuration: Pick<Configuration, "maxTokensCap">,
  limits: Pick<RunSizeLimits, "maxTokensCap"> = runLimitsEnv(),
): number {
  return configuration.maxTokensCap ?? limits.maxTokensCap;
}

// Tokenizing is ~150 ms per MB: text is counted in pieces, and only until the limit is passed.
const PIECE_CHARS = 32_768;
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** The context's o200k token estimate, or, once over `limit`, an extrapolated estimate with `over: true`. */
export function estimateContextTokens(messages: ChatMessage[], limit: number): { tokens: number; over: boolean } {
  const totalChars = messages.reduce((sum, message) => sum + message.content.length, 0);
  // A token is at least one UTF-8 byte, and a character at most four.
  if (limit > 0 && totalChars * 4 <= limit) return { tokens: 0, over: false };
  let tokens = 0;
  let countedChars = 0;
  for (const message of messages) {
    for (let start = 0; start < message.content.length; start += PIECE_CHARS) {
      const piece = message.content.slice(start, start + PIECE_CHARS);
      tokens += countTokens(piece, PLAIN_TEXT);
      countedChars += piece.length;
      if (limit > 0 && tokens > limit) {
        return { tokens: Math.round(tokens * (totalChars / countedChars)), over: true };
      }
    }
  }
  return { tokens, over: false };
}

function tooMany(field: "maxTokens" | "thinkingBudget", value: number, cap: number, name: string): AppError {
  const message = `${field} ${value} is over the cap of ${cap} tokens for "${name}". Ask for at most ${cap}; an admin can change the configuration's max tokens cap.`;
  return new AppError("invalid_params", message, [{ path: field, message }]);
}

/** Throws a 400 when the run asks for more output than the configuration allows, or sends too big a context. */
export function assertRunSize({
  configuration,
  params,
  messages,
  limits = runLimitsEnv(),
}: {
  configuration: Pick<Configuration, "name" | "maxTokensCap" | "defaultParams">;
  params: Pick<RunParams, "maxTokens" | "thinkingBudget">;
  messages: ChatMessage[];
  limits?: RunSizeLimits;
}): void {
  const cap = maxTokensCapOf(configuration, limits);
  if (params.maxTokens !== undefined && params.maxTokens > cap)
    throw tooMany("maxTokens", params.maxTokens, cap, configuration.name);
  if (params.thinkingBudget !== undefined && params.thinkingBudget > cap)
    throw tooMany("thinkingBudget", params.thinkingBudget, cap, configuration.name);
  const defaults = defaultParamsSchema.safeParse(configuration.defaultParams);
  const defaultMaxTokens = defaults.success ? defaults.data.maxTokens : undefined;
  if (params.maxTokens === undefined && defaultMaxTokens !== undefined && defaultMaxTokens > cap) {
    throw new AppError(
      "invalid_params",
      `"${configuration.name}" asks for ${defaultMaxTokens} max tokens by default, over its cap of ${cap}. Send maxTokens of at most ${cap}, or ask an admin to lower the configuration's default.`,
    );
  }
  const limit = limits.maxContextTokens;
  if (limit === 0) return;
  const context = estimateContextTokens(messages, limit);
  if (!context.over) return;
  const turns = messages.filter((message) => message.role !== "system").length;
  const what =
    turns > 1
      ? `This conversation is about ${context.tokens.toLocaleString("en-US")} tokens (system prompt, earlier turns and the new message)`
      : `This prompt is about ${context.tokens.toLocaleString("en-US")} tokens (with its system prompt)`;
  const todo =
    turns > 1 ? "Start a new conversation, or shorten the message" : "Shorten the prompt or the system prompt";
  throw new AppError(
    "invalid_params",
    `${what}, over the limit of ${limit.toLocaleString("en-US")} per request. ${todo}; an admin can raise RUN_MAX_CONTEXT_TOKENS.`,
  );
}
