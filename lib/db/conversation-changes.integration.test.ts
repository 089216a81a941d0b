import { beforeAll, describe, expect, it } from "vitest";
import { toConversationFile } from "@/lib/conversations/export-file";
import { SYSTEM_ACTOR, type Actor } from "@/lib/db/actor";
import { listAuditEntries } from "@/lib/db/audit-log";
import type { Database } from "@/lib/db/client";
import { deleteConversation, renameConversation } from "@/lib/db/conversation-changes";
import { importConversation } from "@/lib/db/conversation-import";
import { getConversationWithMessages, listConversations } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors";
import { toPublicConversation } from "@/lib/views/conversations";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { conversationFileSchema } from "@/lib/validation/conversation-file";

const migrated = migratedDatabasePerFile();
let db: Database;
let owner: Actor;
let otherViewer: Actor;
let admin: Actor;
let configurationId: number;

beforeAll(async () => {
  db = migrated.db();
  const user = (email: string, role: "admin" | "viewer") =>
    db.user.create({ data: { email, passwordHash: "x", role } });
  const [ownerRow, otherRow, adminRow] = await Promise.all([
    user("owner@example.test", "viewer"),
    user("other@example.test", "viewer"),
    user("admin@example.test", "admin"),
  ]);
  owner = { userId: ownerRow.id, tokenId: null, label: ownerRow.email, role: "viewer" };
  otherViewer = { userId: otherRow.id, tokenId: null, label: otherRow.email, role: "viewer" };
  admin = { userId: adminRow.id, tokenId: null, label: adminRow.email, role: "admin" };
  configurationId = (
    await db.configuration.create({ data: { slug: "sim-openai", name: "Sim", provider: "openai", model: "gpt" } })
  ).id;
});

async function conversationWith(title: string, statuses: Array<"complete" | "streaming">, createdAt = new Date()) {
  return db.conversation.create({
    data: {
      title,
      configurationId,
      createdById: owner.userId,
      createdAt,
      messages: {
        create: statuses.flatMap((status, turn) => [
          { role: "user" as const, content: `question ${turn}` },
          { role: "assistant" as const, content: `answer ${turn}`, status },
        ]),
      },
    },
  });
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("listing by creation date", () => {
  it("keeps conversations created inside [from, before) and reports the latest reply's status", async () => {
    const early = await conversationWith("dated early", ["complete"], new Date("2026-01-10T12:00:00Z"));
    const late = await conversationWith("dated late", ["complete", "streaming"], new Date("2026-01-20T12:00:00Z"));
    const list = async (createdFrom?: Date, createdBefore?: Date) =>
      (
        await listConversations({
          db,
          visibleTo: admin,
          filters: { search: "dated", createdFrom, createdBefore, page: 1, pageSize: 10 },
        })
      ).conversations.map((row) => row.id);
    expect(await list()).toEqual([late.id, early.id]);
    expect(await list(new Date("2026-01-15T00:00:00Z"))).toEqual([late.id]);
    expect(await list(undefined, new Date("2026-01-15T00:00:00Z"))).toEqual([early.id]);
    expect(await list(new Date("2026-01-20T12:00:00Z"), new Date("2026-01-20T12:00:01Z"))).toEqual([late.id]);
    const { conversations } = await listConversations({
      db,
      visibleTo: admin,
      filters: { search: "dated late", page: 1, pageSize: 10 },
    });
    expect(conversations[0]?.messages).toEqual([{ status: "streaming" }]);
    expect(conversations[0]?._count.messages).toBe(4);
  });
});

describe("rename and delete", () => {
  it("lets the creator and admins rename, and nobody else", async () => {
    const conversation = await conversationWith("before", ["complete"]);
    expect((await renameConversation({ db, id: conversation.id, title: "after", actor: owner })).title).toBe("after");
    expect((await renameConversation({ db, id: conversation.id, title: "by admin", actor: admin })).title).toBe(
      "by admin",
    );
    expect(
      (await errorOf(renameConversation({ db, id: conversation.id, title: "nope", actor: otherViewer }))).code,
    ).toBe("forbidden");
    expect((await errorOf(renameConversation({ db, id: 999_999, title: "x", actor: admin }))).code).toBe("not_found");
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).title).toBe("by admin");
  });

  it("deletes with the messages and an audit entry, refuses others, and refuses while a reply streams", async () => {
    const conversation = await conversationWith("to delete", ["complete"]);
    expect((await errorOf(deleteConversation({ db, id: conversation.id, actor: otherViewer }))).code).toBe("forbidden");
    expect(await deleteConversation({ db, id: conversation.id, actor: owner })).toEqual({
      id: conversation.id,
      title: "to delete",
    });
    expect(await db.conversation.findUnique({ where: { id: conversation.id } })).toBeNull();
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(0);
    const {
      entries: [entry],
    } = await listAuditEntries({ db, entityType: "conversation", entityId: String(conversation.id) });
    expect(entry).toMatchObject({
      action: "conversation.delete",
      actorUserId: owner.userId,
      changes: { title: { from: "to delete", to: null }, messages: { from: 2, to: 0 } },
    });

    const streaming = await conversationWith("still streaming", ["complete", "streaming"]);
    const conflict = await errorOf(deleteConversation({ db, id: streaming.id, actor: admin }));
    expect(conflict.code).toBe("conflict");
    expect(conflict.message).toMatch(/still streaming/);
    expect(await db.message.count({ where: { conversationId: streaming.id } })).toBe(4);
  });
});

describe("import", () => {
  it("recreates an export as a new conversation with the same turns, usage, metrics and timelines", async () => {
    const source = await db.conversation.create({
      data: {
        title: "round trip",
        configurationId,
        systemPrompt: "Be brief.",
        messages: {
          create: [
            { role: "user", content: "hi" },
            {
              role: "assistant",
              content: "hello",
              reasoning: "hm",
              promptTokens: 4,
              completionTokens: 2,
              reasoningTokens: 1,
              usageSource: "provider",
              ttftMs: 50,
              durationMs: 200,
              finishReason: "stop",
              timeline: [
                [50, 2, 1],
                [120, 5],
              ],
            },
          ],
        },
      },
    });
    const original = toPublicConversation(await getConversationWithMessages({ db, id: source.id, visibleTo: admin }));
    const file = conversationFileSchema.parse(JSON.parse(JSON.stringify(toConversationFile(original, new Date()))));
    const imported = await importConversation({ db, file, actor: otherViewer, bytes: 1_000 });
    expect(imported.configurationMatched).toBe(true);
    expect(imported.id).not.toBe(source.id);

    const copy = toPublicConversation(await getConversationWithMessages({ db, id: imported.id, visibleTo: admin }));
    const comparable = (conversation: typeof copy) => conversation.messages.map(({ id: _id, ...message }) => message);
    expect(comparable(copy)).toEqual(comparable(original));
    expect(copy).toMatchObject({
      title: "round trip",
      systemPrompt: "Be brief.",
      configuration: { id: configurationId },
    });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: imported.id } })).createdById).toBe(
      otherViewer.userId,
    );

    // On a server without that configuration the turns still come in, unattached.
    const exportedConfiguration = file.conversation.configuration;
    if (!exportedConfiguration) throw new Error("the export names its configuration");
    const elsewhere = await importConversation({
      db,
      file: {
        ...file,
        conversation: { ...file.conversation, configuration: { ...exportedConfiguration, slug: "gone" } },
      },
      actor: SYSTEM_ACTOR,
      bytes: 1_000,
    });
    expect(elsewhere.configurationMatched).toBe(false);
    const orphan = await getConversationWithMessages({ db, id: elsewhere.id, visibleTo: admin });
    expect(orphan.configurationId).toBeNull();
    expect(orphan.messages.map((message) => message.content)).toEqual(["hi", "hello"]);
  });
});
