import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { importConversation } from "@/lib/db/conversation-import";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { conversationFileSchema } from "@/lib/validation/conversation-file";
import { parseOrThrow } from "@/lib/validation/issues";

/** Recreates an exported conversation (the JSON export as the body) as a new one; signed-in users. */
export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    const file = parseOrThrow(conversationFileSchema, await readJsonBody(request, { maxMegabytes: 20 }), "conversation file");
    const imported = await importConversation({ file, userId: actor.userId });
    return json({ conversation: imported }, { status: 201 });
  });
}
