import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { getConversationWithMessages } from "@/lib/db/conversations";
import { json, respond } from "@/lib/http/respond";
import { toPublicConversation } from "@/lib/runs/conversation-view";
import { parseRecordId } from "@/lib/validation/route-params";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: NextRequest, context: Context): Promise<Response> {
  return respond(async () => {
    await requireActor(request);
    const id = parseRecordId((await context.params).id, "conversation id");
    return json({ conversation: toPublicConversation(await getConversationWithMessages({ id })) });
  });
}
