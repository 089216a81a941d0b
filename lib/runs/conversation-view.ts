import type { getConversationWithMessages } from "@/lib/db/conversations";
import type { Message } from "@/lib/db/generated/prisma/client";

type ConversationWithMessages = Awaited<ReturnType<typeof getConversationWithMessages>>;

type Author = { id: number; email: string; name: string | null };

/** A message as the API shows it: usage and metrics grouped, timestamps as ISO strings, its author when loaded. */
function toPublicMessage(message: Message & { createdBy?: Author | null }) {
  return {
    id: message.id,
    runId: message.runId,
    author: message.createdBy
      ? { id: message.createdBy.id, email: message.createdBy.email, name: message.createdBy.name }
      : null,
    role: message.role,
    content: message.content,
    reasoning: message.reasoning,
    status: message.status,
    error: message.errorCode ? { code: message.errorCode, message: message.errorMessage } : null,
    finishReason: message.finishReason,
    configurationId: message.configurationId,
    params: message.params,
    usage: {
      promptTokens: message.promptTokens,
      completionTokens: message.completionTokens,
      reasoningTokens: message.reasoningTokens,
      cachedTokens: message.cachedTokens,
      estimatedTokens: message.estimatedTokens,
      source: message.usageSource,
    },
    metrics: { ttftMs: message.ttftMs, durationMs: message.durationMs },
    timeline: message.timeline,
    createdAt: message.createdAt.toISOString(),
    finishedAt: message.finishedAt?.toISOString() ?? null,
  };
}

/** A conversation with its messages, for the API. */
export function toPublicConversation(conversation: ConversationWithMessages) {
  return {
    id: conversation.id,
    title: conversation.title,
    origin: conversation.origin,
    originConversationId: conversation.originConversationId,
    systemPrompt: conversation.systemPrompt,
    params: conversation.params,
    configuration: conversation.configuration,
    createdById: conversation.createdById,
    importedAt: conversation.importedAt?.toISOString() ?? null,
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
    messages: conversation.messages.map(toPublicMessage),
  };
}
