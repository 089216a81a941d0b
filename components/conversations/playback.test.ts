import { describe, expect, it } from "vitest";
import {
  nextChunkAt,
  playbackFrame,
  playbackRunState,
  recordedDuration,
  recordedTimeAt,
  type Recording,
} from "@/components/conversations/playback";
import { runNumbers } from "@/components/run/run-state";

// "Hmm" thought in two chunks, then "Hello world!" in three, as the recorder saves them.
const recording: Recording = {
  content: "Hello world!",
  reasoning: "Hmm",
  timeline: [
    [100, 2, 1],
    [150, 1, 1],
    [300, 5],
    [500, 6],
    [900, 1],
  ],
  status: "complete",
  finishReason: "stop",
  usage: {
    promptTokens: 10,
    completionTokens: 6,
    reasoningTokens: 2,
    cachedTokens: null,
    estimatedTokens: 5,
    source: "provider",
  },
  metrics: { ttftMs: 100, durationMs: 1000 },
};

describe("playback frames", () => {
  it("shows nothing before the first chunk, then exactly what had arrived by each moment", () => {
    expect(playbackFrame(recording, 50)).toMatchObject({
      textLength: 0,
      thinkingLength: 0,
      tokens: 0,
      firstTokenMs: null,
      done: false,
    });
    expect(playbackFrame(recording, 100)).toMatchObject({ textLength: 0, thinkingLength: 2, firstTokenMs: 100 });
    expect(playbackFrame(recording, 320)).toMatchObject({ textLength: 5, thinkingLength: 3, done: false });
    expect(playbackFrame(recording, 899)).toMatchObject({ textLength: 11, thinkingLength: 3, done: false });
  });

  it("counts tokens up with the characters and ends at the saved count", () => {
    const counts = [150, 300, 500, 900].map((at) => playbackFrame(recording, at).tokens);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[2]).toBeLessThan(6);
    expect(playbackFrame(recording, 1000)).toMatchObject({ tokens: 6, textLength: 12, thinkingLength: 3, done: true });
  });

  it("ends at the later of the last chunk and the run's duration", () => {
    expect(recordedDuration(recording)).toBe(1000);
    expect(recordedDuration({ ...recording, metrics: { ttftMs: 100, durationMs: null } })).toBe(900);
    expect(playbackFrame({ ...recording, metrics: { ttftMs: 100, durationMs: null } }, 900).done).toBe(true);
  });

  it("finds the next chunk to wait for", () => {
    expect(nextChunkAt(recording, 0)).toBe(100);
    expect(nextChunkAt(recording, 300)).toBe(500);
    expect(nextChunkAt(recording, 900)).toBeNull();
  });
});

describe("the playback clock", () => {
  it("runs recorded time at 1×, 2× and 10× from where it started, never past the end, and jumps for instant", () => {
    const clock = { startedAt: 5_000, fromMs: 0 };
    expect(recordedTimeAt({ ...clock, speed: 1 }, 5_250, 1000)).toBe(250);
    expect(recordedTimeAt({ ...clock, speed: 2 }, 5_250, 1000)).toBe(500);
    expect(recordedTimeAt({ ...clock, speed: 10 }, 5_050, 1000)).toBe(500);
    expect(recordedTimeAt({ ...clock, speed: 10 }, 9_000, 1000)).toBe(1000);
    expect(recordedTimeAt({ startedAt: 5_000, fromMs: 300, speed: 1 }, 5_100, 1000)).toBe(400);
    expect(recordedTimeAt({ ...clock, speed: "instant" }, 5_000, 1000)).toBe(1000);
  });
});

describe("frames as run state", () => {
  it("drives the status bar like a live run while playing", () => {
    const state = playbackRunState(recording, playbackFrame(recording, 600));
    expect(state).toMatchObject({
      phase: "streaming",
      text: "Hello world",
      thinking: "Hmm",
      firstTokenAt: 100,
      usage: null,
    });
    const numbers = runNumbers(state, 600);
    expect(numbers).toMatchObject({ ttftMs: 100, elapsedMs: 600, tokenSource: "estimate" });
    expect(numbers.tokensPerSecond).toBeGreaterThan(0);
    expect(state.points.length).toBeGreaterThan(1);
  });

  it("ends with the saved usage and metrics, and a paused frame stops the clock", () => {
    const done = playbackRunState(recording, playbackFrame(recording, 1000));
    expect(done).toMatchObject({
      phase: "done",
      text: "Hello world!",
      finishReason: "stop",
      usage: { completionTokens: 6, totalTokens: 16, source: "provider" },
    });
    expect(runNumbers(done, 5000)).toMatchObject({ tokens: 6, ttftMs: 100, elapsedMs: 1000, tokensPerSecond: 6.7 });
    const paused = playbackRunState(recording, playbackFrame(recording, 400), { paused: true });
    expect(paused.phase).toBe("stopped");
    expect(runNumbers(paused, 9999).elapsedMs).toBe(400);
    expect(playbackRunState({ ...recording, status: "aborted" }, playbackFrame(recording, 1000)).phase).toBe("stopped");
  });

  it("never cuts a surrogate pair in half", () => {
    const rocket: Recording = {
      ...recording,
      content: "a🚀b",
      reasoning: "",
      timeline: [
        [10, 2],
        [20, 2],
      ],
      metrics: { ttftMs: 10, durationMs: 20 },
    };
    expect(playbackRunState(rocket, playbackFrame(rocket, 10)).text).toBe("a🚀");
  });
});
