import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { updateUser } from "@/lib/db/users";
import { toPublicUser } from "@/lib/views/users";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { parseRecordId } from "@/lib/validation/route-params";
import type { UserAnswer } from "@/lib/contracts/users";

export async function PATCH(request: NextRequest, context: RouteContext<"/api/users/[id]">): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const id = parseRecordId((await context.params).id, "user id");
    return json({
      user: toPublicUser(await updateUser({ id, input: await readJsonBody(request), actor, origin: actor })),
    } satisfies UserAnswer);
  });
}
