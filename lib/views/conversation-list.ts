import type { ConversationListItem } from "@/lib/contracts/conversations";
import type { listConversations } from "@/lib/db/conversations";

type ListedConversation = Awaited<ReturnType<typeof listConversations>>["conversations"][number];

/** A compare set's own record: it holds the members together and has no turns (its page is /compare/{id}). */
export function isCompareSetParent(
  conversation: { origin: string; originConversationId: number | null },
  messageCount: number,
): boolean {
  return conversation.origin === "compare" && conversation.originConversationId === null && messageCount === 0;
}

/** One row of the conversations list, as the API and the list page show it. */
export function toConversationListItem(conversation: ListedConversation): ConversationListItem {
  return {
    id: conversation.id,
    title: conversation.title,
    origin: conversation.origin,
    isCompareSet: isCompareSetParent(conversation, conversation._count.messages),
    configuration: conversation.configuration,
    messageCount: conversation._count.messages,
    lastStatus: conversation.messages[0]?.status ?? null,
    importedAt: conversation.importedAt?.toISOString() ?? null,
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
  };
}
