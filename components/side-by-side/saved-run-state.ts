import { initialRunState, type RunState } from "@/components/run/run-state";
import { tokensPerSecond } from "@/lib/contracts/metrics";

/** What a saved reply needs to be shown like a finished live run. */
export type SavedReply = {
  conversationId: number;
  content: string;
  status: "streaming" | "complete" | "aborted" | "error";
  finishReason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  reasoningTokens: number | null;
  cachedTokens: number | null;
  usageSource: string | null;
  ttftMs: number | null;
  durationMs: number | null;
};

const PHASES = { complete: "done", aborted: "stopped", error: "failed", streaming: "streaming" } as const;

/** A saved reply as a finished RunState, so the live status bar and column can show it unchanged. */
export function runStateOfSavedReply(reply: SavedReply): RunState {
  const phase = PHASES[reply.status];
  const durationMs = reply.durationMs ?? 0;
  const known = reply.status !== "streaming" && reply.status !== "error";
  const totalTokens =
    reply.promptTokens !== null && reply.completionTokens !== null ? reply.promptTokens + reply.completionTokens : null;
  return {
    ...initialRunState,
    phase,
    requestedAt: 0,
    firstTokenAt: reply.ttftMs,
    endedAt: durationMs,
    conversationId: reply.conversationId,
    text: reply.content,
    tokens: reply.completionTokens ?? 0,
    finishReason: reply.status === "aborted" ? "aborted" : reply.finishReason,
    usage: known
      ? {
          promptTokens: reply.promptTokens,
          completionTokens: reply.completionTokens,
          reasoningTokens: reply.reasoningTokens,
          cachedTokens: reply.cachedTokens,
          totalTokens,
          source: reply.usageSource === "provider" ? "provider" : "estimate",
        }
      : null,
    metrics: known
      ? {
          ttftMs: reply.ttftMs,
          durationMs,
          tokensPerSecond: tokensPerSecond({
            tokens: reply.completionTokens,
            ttftMs: reply.ttftMs,
            durationMs: reply.durationMs,
          }),
        }
      : null,
    failure:
      reply.status === "error"
        ? { code: reply.errorCode ?? "unknown", message: reply.errorMessage ?? "The reply failed." }
        : null,
  };
}
