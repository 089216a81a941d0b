import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";

const lockedConversationSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    system_prompt: z.string().nullable(),
    created_by_id: z.number().int().nullable(),
  })
  .transform((row) => ({
    id: row.id,
    title: row.title,
    systemPrompt: row.system_prompt,
    createdById: row.created_by_id,
  }));

export type LockedConversation = z.infer<typeof lockedConversationSchema>;

/**
 * Locks a conversation's row for the rest of the transaction (FOR UPDATE), so a turn cannot start
 * while another starts, or while it is renamed or deleted; 404 when it does not exist.
 */
export async function lockConversation(tx: Prisma.TransactionClient, id: number): Promise<LockedConversation> {
  const rows: unknown =
    await tx.$queryRaw`SELECT id, title, system_prompt, created_by_id FROM conversations WHERE id = ${id} FOR UPDATE`;
  const conversation = z.array(lockedConversationSchema).parse(rows)[0];
  if (!conversation) throw new AppError("not_found", `No conversation with id ${id}.`);
  return conversation;
}
