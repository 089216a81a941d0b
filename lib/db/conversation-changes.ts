import { assertMayChangeConversation } from "@/lib/auth/policy";
import type { Actor } from "@/lib/db/actor";
import { recordAudit } from "@/lib/db/audit-log";
import { database, type Database } from "@/lib/db/client";
import { lockConversation } from "@/lib/db/conversation-lock";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";

// Who may change a conversation is the policy's decision (lib/auth/policy.ts), taken under the row lock.
async function lockForChange(tx: Prisma.TransactionClient, id: number, actor: Actor, verb: string) {
  const conversation = await lockConversation(tx, id);
  assertMayChangeConversation(actor, conversation, verb);
  return conversation;
}

/** Renames a conversation (its creator or an admin). */
export async function renameConversation({
  db = database(),
  id,
  title,
  actor,
}: {
  db?: Database;
  id: number;
  title: string;
  actor: Actor;
}) {
  return db.$transaction(async (tx) => {
    await lockForChange(tx, id, actor, "rename");
    return tx.conversation.update({
      where: { id },
      data: { title },
      select: { id: true, title: true, updatedAt: true },
    });
  });
}

/**
 * Deletes a conversation and its messages (its creator or an admin), audit-logged. Refused with
 * a 409 while a reply streams: the run would go on writing into a message that no longer exists.
 */
export async function deleteConversation({
  db = database(),
  id,
  actor,
}: {
  db?: Database;
  id: number;
  actor: Actor;
}): Promise<{ id: number; title: string }> {
  return db.$transaction(async (tx) => {
    const conversation = await lockForChange(tx, id, actor, "delete");
    const streaming = await tx.message.count({ where: { conversationId: id, status: "streaming" } });
    if (streaming > 0)
      throw new AppError(
        "conflict",
        "A reply is still streaming in this conversation. Stop it or wait for it to finish, then delete the conversation.",
      );
    const messages = await tx.message.count({ where: { conversationId: id } });
    await tx.conversation.delete({ where: { id } });
    await recordAudit({
      db: tx,
      actor,
      action: "delete",
      entityType: "conversation",
      entityId: id,
      changes: { title: { from: conversation.title, to: null }, messages: { from: messages, to: 0 } },
    });
    return { id, title: conversation.title };
  });
}
