import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { deleteConversation, renameConversation } from "@/lib/db/conversation-changes";
import { getConversationWithMessages } from "@/lib/db/conversations";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { toPublicConversation } from "@/lib/views/conversations";
import { conversationRenameSchema } from "@/lib/validation/conversation-file";
import { parseOrThrow } from "@/lib/validation/issues";
import { parseRecordId } from "@/lib/validation/route-params";
import type {
  ConversationAnswer,
  DeletedConversationAnswer,
  RenamedConversationAnswer,
} from "@/lib/contracts/conversations";

export async function GET(request: NextRequest, context: RouteContext<"/api/conversations/[id]">): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request);
    const id = parseRecordId((await context.params).id, "conversation id");
    return json({
      conversation: toPublicConversation(await getConversationWithMessages({ id, visibleTo: actor })),
    } satisfies ConversationAnswer);
  });
}

/** Renames: the conversation's creator or an admin. */
export async function PATCH(request: NextRequest, context: RouteContext<"/api/conversations/[id]">): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    const id = parseRecordId((await context.params).id, "conversation id");
    const { title } = parseOrThrow(conversationRenameSchema, await readJsonBody(request), "rename");
    const renamed = await renameConversation({ id, title, actor });
    return json({
      conversation: { id: renamed.id, title: renamed.title, updatedAt: renamed.updatedAt.toISOString() },
    } satisfies RenamedConversationAnswer);
  });
}

/** Deletes with its messages: the conversation's creator or an admin; 409 while a reply streams. */
export async function DELETE(
  request: NextRequest,
  context: RouteContext<"/api/conversations/[id]">,
): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    const id = parseRecordId((await context.params).id, "conversation id");
    return json({ deleted: await deleteConversation({ id, actor }) } satisfies DeletedConversationAnswer);
  });
}
