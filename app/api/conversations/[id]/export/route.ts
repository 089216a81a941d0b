import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { exportFileName, toConversationFile } from "@/lib/conversations/export-file";
import { toMarkdown } from "@/lib/conversations/markdown";
import { recordConversationExport } from "@/lib/db/conversation-import";
import { getConversationWithMessages } from "@/lib/db/conversations";
import { respond } from "@/lib/http/respond";
import { toPublicConversation } from "@/lib/views/conversations";
import { exportFormatQuery } from "@/lib/validation/conversation-file";
import { parseOrThrow } from "@/lib/validation/issues";
import { searchParamsObject } from "@/lib/validation/query";
import { parseRecordId } from "@/lib/validation/route-params";

/** The conversation as a download: `format=json` (re-importable) or `format=md`. */
export async function GET(
  request: NextRequest,
  context: RouteContext<"/api/conversations/[id]/export">,
): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request);
    const id = parseRecordId((await context.params).id, "conversation id");
    const { format } = parseOrThrow(exportFormatQuery, searchParamsObject(request.nextUrl), "query");
    const conversation = toPublicConversation(await getConversationWithMessages({ id, visibleTo: actor }));
    const now = new Date();
    const body =
      format === "json"
        ? `${JSON.stringify(toConversationFile(conversation, now), null, 2)}\n`
        : toMarkdown(conversation, now);
    await recordConversationExport({
      actor,
      conversationId: id,
      format,
      bytes: Buffer.byteLength(body),
      messages: conversation.messages.length,
    });
    return new Response(body, {
      headers: {
        "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/markdown; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName(conversation, format)}"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
