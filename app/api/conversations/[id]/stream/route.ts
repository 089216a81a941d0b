import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { requestInput } from "@/lib/http/request-input";
import { respond } from "@/lib/http/respond";
import { resumeResponse, streamConversationTurn } from "@/lib/runs/stream-run";
import { parseOrThrow } from "@/lib/validation/issues";
import { parseRecordId } from "@/lib/validation/route-params";
import { conversationTurnSchema } from "@/lib/validation/stream";

export const dynamic = "force-dynamic";
export const maxDuration = 3600;

async function handle(
  request: NextRequest,
  context: RouteContext<"/api/conversations/[id]/stream">,
): Promise<Response> {
  return respond(async () => {
    // GET starts a run too (and costs money), so cross-site GETs are refused like POSTs.
    const actor = await requireActor(request, { change: true });
    const resumed = await resumeResponse(request, actor);
    if (resumed) return resumed;
    const conversationId = parseRecordId((await context.params).id, "conversation id");
    const input = parseOrThrow(conversationTurnSchema, await requestInput(request), "conversation turn");
    return streamConversationTurn({ request, actor, conversationId, input });
  });
}

export { handle as GET, handle as POST };
