import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { createConfiguration } from "@/lib/db/configurations";
import { startPromptRun } from "@/lib/db/conversations";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { newRunId } from "@/lib/runs/run-id";

const migrated = migratedDatabasePerFile();

// startPromptRun writes the conversation and both messages in one raw statement: these checks
// stand in for what Prisma's typed creates used to guarantee.
describe("startPromptRun", () => {
  it("saves the conversation, the user turn and a streaming reply, in that id order, in one statement", async () => {
    const db = migrated.db();
    const configuration = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: "Insert check", provider: "openai", model: "gpt-4o-mini" },
    });
    const user = await db.user.create({
      data: { email: "insert-check@example.com", passwordHash: "x", role: "admin" },
    });
    const params = { temperature: 0.5, stop: ["\n\n"] };
    const turn = await startPromptRun({
      db,
      configuration,
      prompt: "Line one — é 🚀\nline two",
      systemPrompt: "Be brief.",
      params,
      userId: user.id,
      runId: newRunId(),
    });

    const conversation = await db.conversation.findUniqueOrThrow({
      where: { id: turn.conversationId },
      include: { messages: { orderBy: { id: "asc" } } },
    });
    expect(conversation).toMatchObject({
      title: "Line one — é 🚀",
      configurationId: configuration.id,
      systemPrompt: "Be brief.",
      params,
      origin: "prompt",
      createdById: user.id,
    });
    expect(conversation.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(conversation.messages.map((message) => [message.id, message.role, message.status, message.content])).toEqual(
      [
        [turn.userMessage.id, "user", "complete", "Line one — é 🚀\nline two"],
        [turn.assistantMessage.id, "assistant", "streaming", ""],
      ],
    );
    expect(turn.userMessage.id).toBeLessThan(turn.assistantMessage.id);
    expect(conversation.messages[1]).toMatchObject({ params, configurationId: configuration.id });
    expect(conversation.messages[0]?.params).toBeNull();
    expect(turn).toMatchObject({
      systemPrompt: "Be brief.",
      history: [],
      userMessage: { content: "Line one — é 🚀\nline two" },
    });
  });

  it("takes an explicit title, no system prompt and no user", async () => {
    const db = migrated.db();
    const configuration = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: "Insert check two", provider: "openai", model: "gpt-4o-mini" },
    });
    const turn = await startPromptRun({
      db,
      configuration,
      prompt: "   ",
      title: "Named",
      params: {},
      userId: null,
      runId: newRunId(),
    });
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: turn.conversationId } });
    expect(conversation).toMatchObject({ title: "Named", systemPrompt: null, createdById: null, params: {} });
    expect(turn.systemPrompt).toBeNull();
  });
});
