import type { PublicConversation } from "@/lib/contracts/conversations";
import { CONVERSATION_FILE_FORMAT, CONVERSATION_FILE_VERSION } from "@/lib/validation/conversation-file";

/** The JSON export of a conversation: everything import needs to recreate it, no database ids but the configuration's. */
export function toConversationFile(conversation: PublicConversation, exportedAt: Date) {
  return {
    format: CONVERSATION_FILE_FORMAT,
    version: CONVERSATION_FILE_VERSION,
    exportedAt: exportedAt.toISOString(),
    conversation: {
      title: conversation.title,
      origin: conversation.origin,
      systemPrompt: conversation.systemPrompt,
      params: conversation.params,
      configuration: conversation.configuration,
      createdAt: conversation.createdAt,
      updatedAt: conversation.updatedAt,
      // Ids and authors belong to this database: an import gets its own.
      messages: conversation.messages.map(({ id: _id, runId: _runId, author: _author, ...message }) => message),
    },
  };
}

/** A file name for the download: the title's letters and digits, then the id. */
export function exportFileName(
  conversation: Pick<PublicConversation, "id" | "title">,
  extension: "json" | "md",
): string {
  const slug = conversation.title
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .toLowerCase();
  return `conversation-${conversation.id}${slug ? `-${slug}` : ""}.${extension}`;
}
