import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConversationDetail } from "@/components/conversations/conversation-detail";
import { requirePageUser } from "@/lib/auth/page-user";
import { isAdmin, mayChangeConversation, pagePrincipal } from "@/lib/auth/policy";
import { isCompareSetParent } from "@/lib/views/conversation-list";
import { listConfigurations } from "@/lib/db/configurations";
import { getConversationWithMessages } from "@/lib/db/conversations";
import { foundOr404, pageRecordId } from "@/lib/http/page-records";
import { toPublicConversation } from "@/lib/views/conversations";

export const metadata: Metadata = { title: "Conversation" };

export const dynamic = "force-dynamic";

export default async function ConversationPage({ params }: PageProps<"/conversations/[id]">) {
  // The layout checks too, but a page must not rely on it: they render independently.
  const user = await requirePageUser();
  const id = pageRecordId((await params).id);
  const principal = pagePrincipal(user);
  // Someone else's conversation is a 404 for a viewer, as if it did not exist.
  const conversation = await foundOr404(() => getConversationWithMessages({ id, visibleTo: principal }));
  // A comparison's own record only holds its members together: the set has its own page.
  if (isCompareSetParent(conversation, conversation.messages.length)) redirect(`/compare/${conversation.id}`);
  const configurations = await listConfigurations();
  const active = configurations.some((configuration) => configuration.id === conversation.configurationId);
  // Who may rename, delete and continue: the policy the API enforces too.
  const canChange = mayChangeConversation(principal, conversation);

  return (
    <ConversationDetail
      conversation={toPublicConversation(conversation)}
      canChange={canChange}
      isAdmin={isAdmin(principal)}
      creatorId={conversation.createdById}
      activeConfigurationId={active ? conversation.configurationId : null}
      configurations={configurations.map(({ id, name }) => ({ id, name }))}
    />
  );
}
