import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { ConversationFile, ConversationFileMessage } from "@/lib/validation/conversation-file";

/**
 * The rows an import creates: a new conversation with the file's turns, usage, metrics and
 * timelines, marked `importedAt` (what the file says happened is its claim, not a run made
 * here). `configurationId` is this server's configuration matching the file's (or null);
 * a reply exported while it streamed comes back `aborted`, since nothing streams it here.
 */
export function importRows({
  file,
  configurationId,
  userId,
  importedAt,
}: {
  file: ConversationFile;
  configurationId: number | null;
  userId: number | null;
  importedAt: Date;
}): {
  conversation: Omit<Prisma.ConversationUncheckedCreateInput, "messages">;
  messages: Array<Omit<Prisma.MessageUncheckedCreateInput, "conversationId">>;
} {
  const source = file.conversation;
  const exportedConfigurationId = source.configuration?.id ?? null;
  const messageRow = (
    message: ConversationFileMessage,
  ): Omit<Prisma.MessageUncheckedCreateInput, "conversationId"> => ({
    role: message.role,
    content: message.content,
    reasoning: message.reasoning,
    // Only the conversation's own configuration is known on this server.
    configurationId:
      message.configurationId !== null && message.configurationId === exportedConfigurationId ? configurationId : null,
    params: message.params ?? undefined,
    status: message.status === "streaming" ? "aborted" : message.status,
    errorCode: message.error?.code ?? null,
    errorMessage: message.error?.message ?? null,
    finishReason: message.finishReason,
    promptTokens: message.usage.promptTokens,
    completionTokens: message.usage.completionTokens,
    reasoningTokens: message.usage.reasoningTokens,
    cachedTokens: message.usage.cachedTokens,
    estimatedTokens: message.usage.estimatedTokens,
    usageSource: message.usage.source,
    ttftMs: message.metrics.ttftMs,
    durationMs: message.metrics.durationMs,
    timeline: message.timeline ?? undefined,
    createdAt: new Date(message.createdAt),
    finishedAt: message.finishedAt ? new Date(message.finishedAt) : message.status === "streaming" ? new Date() : null,
  });
  return {
    conversation: {
      title: source.title,
      origin: source.origin,
      systemPrompt: source.systemPrompt,
      params: source.params,
      configurationId,
      createdById: userId,
      importedAt,
    },
    messages: source.messages.map(messageRow),
  };
}
