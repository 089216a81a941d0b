import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { revokeToken } from "@/lib/auth/identity-changes";
import { toPublicApiToken } from "@/lib/views/tokens";
import { json, respond } from "@/lib/http/respond";
import { parseRecordId } from "@/lib/validation/route-params";
import type { TokenAnswer } from "@/lib/contracts/tokens";

export async function DELETE(request: NextRequest, context: RouteContext<"/api/tokens/[id]">): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const id = parseRecordId((await context.params).id, "token id");
    return json({ apiToken: toPublicApiToken(await revokeToken({ id, actor })) } satisfies TokenAnswer);
  });
}
