import { describe, expect, it } from "vitest";
import { toConversationFile } from "@/lib/conversations/export-file";
import { SYSTEM_ACTOR, type Actor } from "@/lib/db/actor";
import { listAuditEntries } from "@/lib/db/audit-log";
import { importConversation, recordConversationExport } from "@/lib/db/conversation-import";
import { getConversationWithMessages } from "@/lib/db/conversations";
import { toPublicConversation } from "@/lib/views/conversations";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { conversationFileSchema } from "@/lib/validation/conversation-file";

const testDatabase = migratedDatabasePerFile();

describe("an imported conversation", () => {
  it("is marked imported, keeps what the file claims, and leaves an audit entry without content", async () => {
    const db = testDatabase.db();
    const user = await db.user.create({ data: { email: "importer@example.test", passwordHash: "x", role: "viewer" } });
    const actor: Actor = { userId: user.id, tokenId: null, label: user.email, role: "viewer" };
    const source = await db.conversation.create({
      data: {
        title: "genuine",
        origin: "chat",
        messages: {
          create: [
            { role: "user", content: "SECRET-PROMPT" },
            { role: "assistant", content: "SECRET-REPLY", promptTokens: 3 },
          ],
        },
      },
    });
    const original = toPublicConversation(
      await getConversationWithMessages({ db, id: source.id, visibleTo: SYSTEM_ACTOR }),
    );
    expect(original.importedAt).toBeNull();
    const file = conversationFileSchema.parse(JSON.parse(JSON.stringify(toConversationFile(original, new Date()))));

    const before = Date.now();
    const imported = await importConversation({ db, file, actor, bytes: 4_321 });
    const copy = toPublicConversation(
      await getConversationWithMessages({ db, id: imported.id, visibleTo: SYSTEM_ACTOR }),
    );
    expect(copy.origin).toBe("chat");
    expect(copy.messages[1]?.usage.promptTokens).toBe(3);
    expect(Date.parse(copy.importedAt ?? "")).toBeGreaterThanOrEqual(before - 1_000);

    await recordConversationExport({ db, actor, conversationId: imported.id, format: "md", bytes: 99, messages: 2 });
    const { entries } = await listAuditEntries({ db, entityType: "conversation", entityId: String(imported.id) });
    const actions = entries
      .map((entry) => ({ action: entry.action, actorUserId: entry.actorUserId, changes: entry.changes }))
      .sort((a, b) => a.action.localeCompare(b.action));
    expect(actions).toEqual([
      {
        action: "conversation.export",
        actorUserId: user.id,
        changes: { format: { from: null, to: "md" }, bytes: { from: null, to: 99 }, messages: { from: null, to: 2 } },
      },
      {
        action: "conversation.import",
        actorUserId: user.id,
        changes: {
          format: { from: null, to: "json" },
          bytes: { from: null, to: 4_321 },
          messages: { from: null, to: 2 },
        },
      },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/SECRET/);
  });
});
