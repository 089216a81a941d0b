import type { PublicCompareSet } from "@/lib/contracts/conversations";
import type { Conversation } from "@/lib/db/generated/prisma/client";
import { toPublicConversation } from "@/lib/views/conversations";

type Member = Parameters<typeof toPublicConversation>[0];

/** A compare set for the API: the shared prompt settings, then each configuration's conversation. */
export function toPublicCompareSet(
  set: Pick<Conversation, "id" | "title" | "systemPrompt" | "params" | "createdAt"> & { replays: Member[] },
): PublicCompareSet {
  return {
    id: set.id,
    title: set.title,
    systemPrompt: set.systemPrompt,
    params: set.params,
    createdAt: set.createdAt.toISOString(),
    conversations: set.replays.map(toPublicConversation),
  };
}
