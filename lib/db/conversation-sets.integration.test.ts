import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import type { Database } from "@/lib/db/client";
import { createConfiguration, deactivateConfiguration } from "@/lib/db/configurations";
import { createCompareSet, createReplayConversations, getCompareSet } from "@/lib/db/conversation-sets";
import { createConversation, startPromptRun } from "@/lib/db/conversations";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { newRunId } from "@/lib/runs/run-id";

const migrated = migratedDatabasePerFile();
let db: Database;
let first: Configuration;
let second: Configuration;
let inactive: Configuration;

async function configuration(name: string): Promise<Configuration> {
  return createConfiguration({
    db,
    actor: SYSTEM_ACTOR,
    input: { name, provider: "local", model: "llama", baseUrl: "http://127.0.0.1:9/v1" },
  });
}

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const caught = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(AppError);
  return caught as AppError;
}

beforeAll(async () => {
  db = migrated.db();
  first = await configuration("Replay first");
  second = await configuration("Replay second");
  inactive = await configuration("Replay inactive");
  await deactivateConfiguration({ db, key: inactive.id, actor: SYSTEM_ACTOR });
});

describe("re-run conversations", () => {
  it("copy the original's system prompt and parameters and point back at it, one per configuration", async () => {
    const turn = await startPromptRun({
      db,
      configuration: first,
      prompt: "Hello there",
      systemPrompt: "Be brief.",
      params: { temperature: 0.3, maxTokens: 50 },
      userId: null,
      runId: newRunId(),
    });
    const created = await createReplayConversations({
      db,
      originId: turn.conversationId,
      configurationKeys: [String(second.id), first.slug],
      actor: SYSTEM_ACTOR,
    });

    expect(created.map((conversation) => conversation.configuration?.id)).toEqual([second.id, first.id]);
    for (const conversation of created) {
      expect(conversation.origin).toBe("replay");
      expect(conversation.originConversationId).toBe(turn.conversationId);
      expect(conversation.systemPrompt).toBe("Be brief.");
      expect(conversation.params).toEqual({ temperature: 0.3, maxTokens: 50 });
      expect(conversation.title).toMatch(/^Re-run of “Hello there” on /);
    }
    const stored = await db.conversation.findMany({
      where: { originConversationId: turn.conversationId },
      include: { _count: { select: { messages: true } } },
    });
    expect(stored.map((conversation) => conversation._count.messages)).toEqual([0, 0]);
  });

  it("refuse an unknown conversation, an unknown or inactive configuration, and an original with no user turn", async () => {
    const turn = await startPromptRun({
      db,
      configuration: first,
      prompt: "Anything",
      params: {},
      userId: null,
      runId: newRunId(),
    });
    expect(
      (
        await appErrorOf(
          createReplayConversations({
            db,
            originId: 999_999,
            configurationKeys: [String(first.id)],
            actor: SYSTEM_ACTOR,
          }),
        )
      ).code,
    ).toBe("not_found");
    expect(
      (
        await appErrorOf(
          createReplayConversations({
            db,
            originId: turn.conversationId,
            configurationKeys: ["no-such-slug"],
            actor: SYSTEM_ACTOR,
          }),
        )
      ).code,
    ).toBe("not_found");
    expect(
      (
        await appErrorOf(
          createReplayConversations({
            db,
            originId: turn.conversationId,
            configurationKeys: [String(inactive.id)],
            actor: SYSTEM_ACTOR,
          }),
        )
      ).code,
    ).toBe("not_found");
    // The same configuration by id and by slug is one configuration twice.
    expect(
      (
        await appErrorOf(
          createReplayConversations({
            db,
            originId: turn.conversationId,
            configurationKeys: [String(first.id), first.slug],
            actor: SYSTEM_ACTOR,
          }),
        )
      ).code,
    ).toBe("invalid_params");

    const empty = await createConversation({ db, configuration: first, params: {}, userId: null });
    const error = await appErrorOf(
      createReplayConversations({
        db,
        originId: empty.id,
        configurationKeys: [String(second.id)],
        actor: SYSTEM_ACTOR,
      }),
    );
    expect(error.code).toBe("invalid_params");
    expect(error.message).toMatch(/no user turn/);
    // Nothing half-made is left behind by a refusal.
    expect(
      await db.conversation.count({ where: { originConversationId: { in: [turn.conversationId, empty.id] } } }),
    ).toBe(0);
  });
});

describe("compare sets", () => {
  it("save a parent with one member per configuration, read back in order with their messages", async () => {
    const { set, members } = await createCompareSet({
      db,
      configurationKeys: [first.slug, String(second.id)],
      prompt: "Compare this\nsecond line",
      systemPrompt: "Short answers.",
      params: { temperature: 1 },
      userId: null,
    });
    expect(set.origin).toBe("compare");
    expect(set.configurationId).toBeNull();
    expect(set.title).toBe("Compare: Compare this");
    expect(
      members.map((member) => [
        member.origin,
        member.originConversationId,
        member.configurationId,
        member.systemPrompt,
      ]),
    ).toEqual([
      ["compare", set.id, first.id, "Short answers."],
      ["compare", set.id, second.id, "Short answers."],
    ]);

    const memberId = members[0]?.id ?? 0;
    await db.message.create({
      data: { conversationId: memberId, role: "user", content: "Compare this", status: "complete" },
    });
    const loaded = await getCompareSet({ db, id: set.id, visibleTo: SYSTEM_ACTOR });
    expect(loaded.replays.map((member) => member.configuration?.name)).toEqual(["Replay first", "Replay second"]);
    expect(loaded.replays[0]?.messages.map((message) => message.content)).toEqual(["Compare this"]);
  });

  it("open only a set's parent: a member, an ordinary conversation or an unknown id is a 404", async () => {
    const { members } = await createCompareSet({
      db,
      configurationKeys: [String(first.id), String(second.id)],
      prompt: "Another",
      params: {},
      userId: null,
    });
    const plain = await createConversation({ db, configuration: first, params: {}, userId: null });
    for (const id of [members[0]?.id ?? 0, plain.id, 999_999]) {
      expect((await appErrorOf(getCompareSet({ db, id, visibleTo: SYSTEM_ACTOR }))).code).toBe("not_found");
    }
  });

  it("refuse an inactive configuration without saving any part of the set", async () => {
    const before = await db.conversation.count({ where: { origin: "compare" } });
    expect(
      (
        await appErrorOf(
          createCompareSet({
            db,
            configurationKeys: [String(first.id), String(inactive.id)],
            prompt: "Nope",
            params: {},
            userId: null,
          }),
        )
      ).code,
    ).toBe("not_found");
    expect(await db.conversation.count({ where: { origin: "compare" } })).toBe(before);
  });
});
