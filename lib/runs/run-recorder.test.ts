import { describe, expect, it, vi } from "vitest";
import type { FinishedMessage, MessageStore, PartialText } from "@/lib/db/messages";
import { partialSaver } from "@/lib/runs/partial-saves";
import { RunRecorder, type RunOutcome } from "@/lib/runs/run-recorder";

// A store in memory: what the recorder and the partial saver would have written.
function memoryStore({ failFinish = false, failPartial = false } = {}) {
  const finished: FinishedMessage[] = [];
  const unsaved: number[] = [];
  const partials: PartialText[][] = [];
  const store: MessageStore = {
    finishMessage: (message) => {
      if (failFinish) return Promise.reject(new Error("integer out of range"));
      finished.push(message);
      return Promise.resolve();
    },
    markMessageUnsaved: (messageId) => {
      unsaved.push(messageId);
      return Promise.resolve();
    },
    savePartialTexts: (texts) => {
      if (failPartial) return Promise.reject(new Error("connection lost"));
      partials.push(texts);
      return Promise.resolve();
    },
  };
  return { store, finished, unsaved, partials };
}

const outcome: RunOutcome = {
  status: "complete",
  finishReason: "stop",
  usage: {
    promptTokens: 3,
    completionTokens: 4,
    reasoningTokens: null,
    cachedTokens: null,
    totalTokens: 7,
    source: "provider",
  },
  estimatedTokens: 4,
  ttftMs: 12,
  durationMs: 40,
};

describe("RunRecorder", () => {
  it("saves the text that grew since the last partial save, once, and the final state with its timeline", async () => {
    const { store, finished, partials } = memoryStore();
    const recorder = new RunRecorder(store, 7, 1_000);
    recorder.appendReasoning("Think", 1_010);
    recorder.appendText("Hel\u0000lo", 1_020.4);
    await partialSaver(store).saveNow();
    await partialSaver(store).saveNow();
    expect(partials).toEqual([[{ messageId: 7, content: "Hel\uFFFDlo", reasoning: "Think" }]]);

    await recorder.finish(outcome);
    expect(finished).toEqual([
      {
        messageId: 7,
        content: "Hel\uFFFDlo",
        reasoning: "Think",
        status: "complete",
        finishReason: "stop",
        errorCode: null,
        errorMessage: null,
        promptTokens: 3,
        completionTokens: 4,
        reasoningTokens: null,
        cachedTokens: null,
        estimatedTokens: 4,
        usageSource: "provider",
        ttftMs: 12,
        durationMs: 40,
        timeline: [
          [10, 5, 1],
          [20, 6],
        ],
      },
    ]);
    // A finished recorder is no longer part of the partial saves.
    recorder.appendText(" late", 1_050);
    await partialSaver(store).saveNow();
    expect(partials).toHaveLength(1);
  });

  it("offers the text again after a failed partial save", async () => {
    const { store, partials } = memoryStore({ failPartial: true });
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const recorder = new RunRecorder(store, 8, 0);
    recorder.appendText("kept", 1);
    await partialSaver(store).saveNow();
    expect(log).toHaveBeenCalledWith("saving 1 streaming reply failed:", "connection lost");
    expect(recorder.takeChanges()).toEqual({ content: "kept", reasoning: null });
    expect(partials).toEqual([]);
    await recorder.finish(outcome);
    log.mockRestore();
  });

  it("ends the message as unsaved when the final save fails", async () => {
    const { store, finished, unsaved } = memoryStore({ failFinish: true });
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const recorder = new RunRecorder(store, 9, 0);
    recorder.appendText("part", 1);
    await recorder.finish(outcome);
    expect(finished).toEqual([]);
    expect(unsaved).toEqual([9]);
    expect(log).toHaveBeenCalledWith("saving message 9 failed:", "integer out of range");
    log.mockRestore();
  });
});
