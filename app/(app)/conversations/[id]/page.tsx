import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConversationDetail } from "@/components/conversations/conversation-detail";
import { requirePageUser } from "@/lib/auth/page-user";
import { listConfigurations } from "@/lib/db/configurations";
import { getConversationWithMessages } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors";
import { toPublicConversation } from "@/lib/runs/conversation-view";

export const metadata: Metadata = { title: "Conversation" };

// Reads the session and the database on every request; `next build` must never need one.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

async function findConversation(segment: string) {
  const id = Number(segment);
  if (!/^\d{1,10}$/.test(segment) || id > 2_147_483_647) return null;
  try {
    return await getConversationWithMessages({ id });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}

export default async function ConversationPage({ params }: Props) {
  // The layout checks too, but a page must not rely on it: they render independently.
  const user = await requirePageUser();
  const conversation = await findConversation((await params).id);
  if (!conversation) notFound();
  const configurations = await listConfigurations();
  const active = configurations.some((configuration) => configuration.id === conversation.configurationId);
  // Who may rename and delete: the creator or an admin (the API enforces the same).
  const canChange = user.role === "admin" || (conversation.createdById !== null && conversation.createdById === user.id);

  return (
    <ConversationDetail
      conversation={toPublicConversation(conversation)}
      canChange={canChange}
      isAdmin={user.role === "admin"}
      activeConfigurationId={active ? conversation.configurationId : null}
      configurations={configurations.map(({ id, name }) => ({ id, name }))}
    />
  );
}
