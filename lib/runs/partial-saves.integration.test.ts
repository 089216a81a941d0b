import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { createConfiguration } from "@/lib/db/configurations";
import { startPromptRun } from "@/lib/db/conversations";
import { messageStoreOf } from "@/lib/db/messages";
import { partialSaver } from "@/lib/runs/partial-saves";
import { RunRecorder } from "@/lib/runs/run-recorder";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { newRunId } from "@/lib/runs/run-id";

const migrated = migratedDatabasePerFile();

const usage = {
  promptTokens: 3,
  completionTokens: 4,
  reasoningTokens: null,
  cachedTokens: null,
  totalTokens: 7,
  source: "provider" as const,
};

describe("partial saves of streaming replies", () => {
  it("save every reply that grew in one go, leave the others, and never overwrite a final save", async () => {
    const db = migrated.db();
    const configuration = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: "Partial saves", provider: "openai", model: "gpt-4o-mini" },
    });
    const turns = await Promise.all(
      [1, 2, 3].map((index) =>
        startPromptRun({ db, configuration, prompt: `Prompt ${index}`, params: {}, userId: null, runId: newRunId() }),
      ),
    );
    const [first, second, third] = turns.map(
      (turn) => new RunRecorder(messageStoreOf(db), turn.assistantMessage.id, performance.now()),
    );
    if (!first || !second || !third) throw new Error("three recorders expected");
    first.appendText("Hello, ", performance.now());
    second.appendReasoning("Thinking…", performance.now());
    second.appendText("Café 🚀", performance.now());

    await partialSaver(messageStoreOf(db)).saveNow();
    const saved = async (recorder: RunRecorder) => db.message.findUniqueOrThrow({ where: { id: recorder.messageId } });
    expect(await saved(first)).toMatchObject({ content: "Hello, ", reasoning: null, status: "streaming" });
    expect(await saved(second)).toMatchObject({ content: "Café 🚀", reasoning: "Thinking…", status: "streaming" });
    expect(await saved(third)).toMatchObject({ content: "", status: "streaming" });

    // The final state lands after any partial save, and a later partial save cannot undo it.
    first.appendText("world.", performance.now());
    const pending = partialSaver(messageStoreOf(db)).saveNow();
    await first.finish({
      status: "complete",
      finishReason: "stop",
      usage,
      estimatedTokens: 4,
      ttftMs: 1,
      durationMs: 2,
    });
    await pending;
    expect(await saved(first)).toMatchObject({ content: "Hello, world.", status: "complete", completionTokens: 4 });
    const late = {
      messageId: first.messageId,
      takeChanges: () => ({ content: "stale", reasoning: null }),
      markUnsaved: () => undefined,
    };
    partialSaver(messageStoreOf(db)).add(late);
    await partialSaver(messageStoreOf(db)).saveNow();
    await partialSaver(messageStoreOf(db)).remove(late);
    expect((await saved(first)).content).toBe("Hello, world.");
    second.appendText(" more", performance.now());
    await partialSaver(messageStoreOf(db)).saveNow();
    expect((await saved(second)).content).toBe("Café 🚀 more");

    await second.finish({
      status: "aborted",
      finishReason: "aborted",
      usage,
      estimatedTokens: 4,
      ttftMs: 1,
      durationMs: 2,
    });
    await third.finish({
      status: "error",
      finishReason: null,
      usage,
      estimatedTokens: 0,
      ttftMs: null,
      durationMs: 2,
      errorCode: "timeout",
      errorMessage: "late",
    });
    expect(await saved(third)).toMatchObject({
      status: "error",
      errorCode: "timeout",
      errorMessage: "late",
      ttftMs: null,
      durationMs: 2,
      promptTokens: 3,
      reasoningTokens: null,
      usageSource: "provider",
    });
    expect(await saved(second)).toMatchObject({
      status: "aborted",
      finishReason: "aborted",
      content: "Café 🚀 more",
      reasoning: "Thinking…",
      estimatedTokens: 4,
      ttftMs: 1,
    });
    expect((await saved(second)).timeline).toEqual([expect.any(Array), expect.any(Array), expect.any(Array)]);
    expect((await saved(second)).finishedAt).toBeInstanceOf(Date);
  });

  it("a final save that fails still ends the reply (as an error, keeping the partially saved text) instead of leaving it streaming", async () => {
    const db = migrated.db();
    const configuration = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: "Failed final save", provider: "openai", model: "gpt-4o-mini" },
    });
    const turn = await startPromptRun({
      db,
      configuration,
      prompt: "Prompt",
      params: {},
      userId: null,
      runId: newRunId(),
    });
    const recorder = new RunRecorder(messageStoreOf(db), turn.assistantMessage.id, performance.now());
    recorder.appendText("Saved part", performance.now());
    await partialSaver(messageStoreOf(db)).saveNow();
    recorder.appendText(" and the rest", performance.now());
    // A duration past PostgreSQL's integer range makes the full final UPDATE fail.
    await recorder.finish({
      status: "complete",
      finishReason: "stop",
      usage,
      estimatedTokens: 4,
      ttftMs: 1,
      durationMs: 3_000_000_000,
    });
    const message = await db.message.findUniqueOrThrow({ where: { id: recorder.messageId } });
    expect(message).toMatchObject({ status: "error", errorCode: "save_failed", content: "Saved part" });
    expect(message.finishedAt).toBeInstanceOf(Date);
  });
});
