import type { listConversations } from "@/lib/db/conversations";

type ListedConversation = Awaited<ReturnType<typeof listConversations>>["conversations"][number];

/** One row of the conversations list, as the API and the list page show it. */
export function toConversationListItem(conversation: ListedConversation) {
  return {
    id: conversation.id,
    title: conversation.title,
    origin: conversation.origin,
    configuration: conversation.configuration,
    messageCount: conversation._count.messages,
    lastStatus: conversation.messages[0]?.status ?? null,
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
  };
}

export type ConversationListItem = ReturnType<typeof toConversationListItem>;
