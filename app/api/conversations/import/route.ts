import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { importConversation } from "@/lib/db/conversation-import";
import { readSizedJsonBody } from "@/lib/http/json-body";
import { BODY_LIMITS, json, respond } from "@/lib/http/respond";
import { conversationFileSchema } from "@/lib/validation/conversation-file";
import { parseOrThrow } from "@/lib/validation/issues";
import type { ImportedConversationAnswer } from "@/lib/contracts/conversations";

/** Recreates an exported conversation (the JSON export as the body, up to 20 MB) as a new one, marked imported; signed-in users. */
export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    const { body, bytes } = await readSizedJsonBody(request, {
      maxBytes: BODY_LIMITS.import,
      what: "conversation file",
    });
    const file = parseOrThrow(conversationFileSchema, body, "conversation file");
    const imported = await importConversation({ file, actor, bytes });
    return json({ conversation: imported } satisfies ImportedConversationAnswer, { status: 201 });
  });
}
