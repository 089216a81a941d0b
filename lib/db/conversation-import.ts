import { importRows } from "@/lib/conversations/import-data";
import type { Actor } from "@/lib/db/actor";
import { recordAudit } from "@/lib/db/audit-log";
import { database, TRANSACTION_OPTIONS, type Database } from "@/lib/db/client";
import type { ConversationFile } from "@/lib/validation/conversation-file";

// Writing 20 MB of turns, and their search index entries, takes seconds: more than a run's
// bookkeeping is given.
const IMPORT_TRANSACTION = { ...TRANSACTION_OPTIONS, timeout: 120_000 };

/**
 * Recreates an exported conversation as a new one owned by the importing actor, marked as
 * imported, in one transaction with its audit entry (format, size and turn count, never
 * content). Its configuration is the one with the exported slug here, when there is one.
 */
export async function importConversation({
  db = database(),
  file,
  actor,
  bytes,
}: {
  db?: Database;
  file: ConversationFile;
  actor: Actor;
  bytes: number;
}): Promise<{ id: number; configurationMatched: boolean }> {
  const slug = file.conversation.configuration?.slug;
  const configuration = slug ? await db.configuration.findUnique({ where: { slug }, select: { id: true } }) : null;
  const rows = importRows({
    file,
    configurationId: configuration?.id ?? null,
    userId: actor.userId,
    importedAt: new Date(),
  });
  return db.$transaction(async (tx) => {
    const conversation = await tx.conversation.create({ data: rows.conversation, select: { id: true } });
    // createMany keeps the file's order in the ids, which is the order turns are read in.
    await tx.message.createMany({
      data: rows.messages.map((message) => ({ ...message, conversationId: conversation.id })),
    });
    await recordAudit({
      db: tx,
      actor,
      action: "import",
      entityType: "conversation",
      entityId: conversation.id,
      changes: transferChanges("json", bytes, rows.messages.length),
    });
    return { id: conversation.id, configurationMatched: configuration !== null };
  }, IMPORT_TRANSACTION);
}

function transferChanges(format: "json" | "md", bytes: number, messages: number) {
  return {
    format: { from: null, to: format },
    bytes: { from: null, to: bytes },
    messages: { from: null, to: messages },
  };
}

/** Audits a download of a conversation: its format, size and turn count, never its content. */
export async function recordConversationExport({
  db = database(),
  actor,
  conversationId,
  format,
  bytes,
  messages,
}: {
  db?: Database;
  actor: Actor;
  conversationId: number;
  format: "json" | "md";
  bytes: number;
  messages: number;
}): Promise<void> {
  await recordAudit({
    db,
    actor,
    action: "export",
    entityType: "conversation",
    entityId: conversationId,
    changes: transferChanges(format, bytes, messages),
  });
}
