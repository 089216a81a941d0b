import { importRows } from "@/lib/conversations/import-data";
import { database, type Database } from "@/lib/db/client";
import type { ConversationFile } from "@/lib/validation/conversation-file";

/**
 * Recreates an exported conversation as a new one owned by the importing user, in one
 * transaction. Its configuration is the one with the exported slug here, when there is one.
 */
export async function importConversation({ db = database(), file, userId }: { db?: Database; file: ConversationFile; userId: number | null }): Promise<{ id: number; configurationMatched: boolean }> {
  const slug = file.conversation.configuration?.slug;
  const configuration = slug ? await db.configuration.findUnique({ where: { slug }, select: { id: true } }) : null;
  const rows = importRows({ file, configurationId: configuration?.id ?? null, userId });
  return db.$transaction(async (tx) => {
    const conversation = await tx.conversation.create({ data: rows.conversation, select: { id: true } });
    // createMany keeps the file's order in the ids, which is the order turns are read in.
    await tx.message.createMany({ data: rows.messages.map((message) => ({ ...message, conversationId: conversation.id })) });
    return { id: conversation.id, configurationMatched: configuration !== null };
  });
}
