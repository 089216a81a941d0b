import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { getCompareSet } from "@/lib/db/conversation-sets";
import { json, respond } from "@/lib/http/respond";
import { toPublicCompareSet } from "@/lib/views/compare-sets";
import { parseRecordId } from "@/lib/validation/route-params";
import type { CompareSetAnswer } from "@/lib/contracts/conversations";

export async function GET(request: NextRequest, context: RouteContext<"/api/compare-sets/[id]">): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request);
    const id = parseRecordId((await context.params).id, "compare set id");
    return json({ set: toPublicCompareSet(await getCompareSet({ id, visibleTo: actor })) } satisfies CompareSetAnswer);
  });
}
