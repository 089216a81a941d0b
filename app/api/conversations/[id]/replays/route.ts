import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { createReplayConversations } from "@/lib/db/conversation-sets";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { toPublicConversation } from "@/lib/views/conversations";
import { assertRunRoom } from "@/lib/runs/run-limits";
import { replayCreateSchema } from "@/lib/validation/conversation-sets";
import { parseOrThrow } from "@/lib/validation/issues";
import { parseRecordId } from "@/lib/validation/route-params";
import type { ReplaysAnswer } from "@/lib/contracts/conversations";

/** One new, empty replay conversation per configuration, linked to the conversation it re-runs. */
export async function POST(
  request: NextRequest,
  context: RouteContext<"/api/conversations/[id]/replays">,
): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    const originId = parseRecordId((await context.params).id, "conversation id");
    const input = parseOrThrow(replayCreateSchema, await readJsonBody(request), "re-run");
    await assertRunRoom(actor, input.configurations.length);
    const created = await createReplayConversations({ originId, configurationKeys: input.configurations, actor });
    return json(
      {
        conversations: created.map((conversation) => toPublicConversation({ ...conversation, messages: [] })),
      } satisfies ReplaysAnswer,
      { status: 201 },
    );
  });
}
