import { describe, expect, it } from "vitest";
import { runNumbers } from "@/components/run/run-state";
import { runStateOfSavedReply, type SavedReply } from "@/components/side-by-side/saved-run-state";

const saved: SavedReply = {
  conversationId: 7,
  content: "Hello",
  status: "complete",
  finishReason: "stop",
  errorCode: null,
  errorMessage: null,
  promptTokens: 12,
  completionTokens: 30,
  reasoningTokens: null,
  cachedTokens: null,
  usageSource: "provider",
  ttftMs: 200,
  durationMs: 1200,
};

describe("runStateOfSavedReply", () => {
  it("shows a saved reply with the numbers the live status bar showed at its end", () => {
    const state = runStateOfSavedReply(saved);
    expect(state.phase).toBe("done");
    expect(state.text).toBe("Hello");
    expect(state.conversationId).toBe(7);
    expect(runNumbers(state, 0)).toEqual({
      tokens: 30,
      tokenSource: "provider",
      ttftMs: 200,
      tokensPerSecond: 30,
      elapsedMs: 1200,
    });
  });

  it("marks a stopped reply stopped and a failed one failed with its message", () => {
    expect(runStateOfSavedReply({ ...saved, status: "aborted", usageSource: "estimate" })).toMatchObject({
      phase: "stopped",
      finishReason: "aborted",
      usage: { source: "estimate" },
    });
    const failed = runStateOfSavedReply({
      ...saved,
      status: "error",
      errorCode: "rate_limited",
      errorMessage: "Slow down.",
    });
    expect(failed).toMatchObject({
      phase: "failed",
      usage: null,
      failure: { code: "rate_limited", message: "Slow down." },
    });
  });
});
