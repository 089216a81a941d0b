import { timelineSchema, type PublicConversation, type PublicMessage } from "@/lib/contracts/conversations";
import type { getConversationWithMessages } from "@/lib/db/conversations";
import type { Message } from "@/lib/db/generated/prisma/client";

type ConversationWithMessages = Awaited<ReturnType<typeof getConversationWithMessages>>;

type Author = { id: number; email: string; name: string | null };

// A JSON column: what RunRecorder wrote, or null when it is missing or not a timeline.
function timelineOf(value: Message["timeline"]): PublicMessage["timeline"] {
  const parsed = timelineSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A message as the API shows it: usage and metrics grouped, timestamps as ISO strings, its author when loaded. */
function toPublicMessage(message: Message & { createdBy?: Author | null }): PublicMessage {
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
    timeline: timelineOf(message.timeline),
    createdAt: message.createdAt.toISOString(),
    finishedAt: message.finishedAt?.toISOString() ?? null,
  };
}

/** A conversation with its messages, for the API. */
export function toPublicConversation(conversation: ConversationWithMessages): PublicConversation {
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
