import { describe, expect, it } from "vitest";
import {
  initialRunState,
  rateSeries,
  runNumbers,
  runReducer,
  type RunAction,
  type RunState,
} from "@/components/run/run-state";

function play(actions: RunAction[]): RunState {
  return actions.reduce(runReducer, initialRunState);
}

const start: RunAction = {
  type: "event",
  at: 120,
  event: {
    type: "start",
    runId: "7",
    conversationId: 3,
    configuration: { id: 1, slug: "sim", provider: "openai", model: "m" },
  },
};
const usage = {
  promptTokens: 10,
  completionTokens: 42,
  reasoningTokens: null,
  cachedTokens: null,
  totalTokens: 52,
  source: "provider" as const,
};

describe("runReducer and runNumbers", () => {
  it("counts live while streaming, marked as an estimate, then takes the provider's numbers", () => {
    const streaming = play([
      { type: "request", at: 100 },
      start,
      { type: "event", at: 400, event: { type: "chunk", content: "Hel", tokens: 1 } },
      { type: "event", at: 1400, event: { type: "chunk", content: "lo", tokens: 11 } },
    ]);
    expect(streaming.text).toBe("Hello");
    expect(streaming.conversationId).toBe(3);
    expect(runNumbers(streaming, 1400)).toEqual({
      tokens: 11,
      tokenSource: "estimate",
      ttftMs: 300,
      tokensPerSecond: 11,
      elapsedMs: 1300,
    });

    const done = runReducer(streaming, {
      type: "event",
      at: 1500,
      event: {
        type: "done",
        finishReason: "stop",
        usage,
        metrics: { ttftMs: 250, durationMs: 1350, tokensPerSecond: 38.5 },
      },
    });
    expect(done.phase).toBe("done");
    expect(runNumbers(done, 9999)).toEqual({
      tokens: 42,
      tokenSource: "provider",
      ttftMs: 250,
      tokensPerSecond: 38.5,
      elapsedMs: 1350,
    });
  });

  it("reads a done with finish reason aborted as stopped, and ignores events after the end", () => {
    const stopped = play([
      { type: "request", at: 0 },
      start,
      { type: "stopping" },
      {
        type: "event",
        at: 500,
        event: {
          type: "done",
          finishReason: "aborted",
          usage,
          metrics: { ttftMs: 50, durationMs: 500, tokensPerSecond: 10 },
        },
      },
      { type: "event", at: 600, event: { type: "chunk", content: "late", tokens: 99 } },
    ]);
    expect(stopped).toMatchObject({ phase: "stopped", stopping: false, text: "", tokens: 0 });
  });

  it("keeps thinking apart from the answer", () => {
    const state = play([
      { type: "request", at: 0 },
      start,
      { type: "event", at: 10, event: { type: "thinking", content: "hmm", tokens: 2 } },
      { type: "event", at: 20, event: { type: "chunk", content: "Yes", tokens: 3 } },
    ]);
    expect(state).toMatchObject({ thinking: "hmm", text: "Yes", firstTokenAt: 10 });
  });

  it("turns a stream error into a failure with the server's message", () => {
    const state = play([
      { type: "request", at: 0 },
      start,
      {
        type: "event",
        at: 30,
        event: { type: "error", code: "auth_failed", message: "OpenAI refused the API key (401).", status: 401 },
      },
    ]);
    expect(state).toMatchObject({
      phase: "failed",
      failure: { code: "auth_failed", message: "OpenAI refused the API key (401).", status: 401 },
    });
    expect(runNumbers(state, 50).tokens).toBeNull();
  });
});

describe("rateSeries", () => {
  it("gives tokens per second over a sliding window of samples", () => {
    const points = [0, 250, 500, 750, 1000, 1250].map((at, index) => ({ at, tokens: index * 5 }));
    expect(rateSeries(points)).toEqual([20, 20, 20, 20, 20]);
  });

  it("samples only while streaming and at most every 250 ms", () => {
    let state = play([
      { type: "request", at: 0 },
      start,
      { type: "event", at: 100, event: { type: "chunk", content: "a", tokens: 1 } },
    ]);
    state = runReducer(state, { type: "sample", at: 200 });
    expect(state.points).toHaveLength(1);
    state = runReducer(state, { type: "sample", at: 360 });
    expect(state.points).toEqual([
      { at: 100, tokens: 0 },
      { at: 360, tokens: 1 },
    ]);
  });
});
