import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { changeUser } from "@/lib/auth/identity-changes";
import { toPublicUser } from "@/lib/views/users";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { parseOrThrow } from "@/lib/validation/issues";
import { parseRecordId } from "@/lib/validation/route-params";
import { userUpdateSchema } from "@/lib/validation/user";
import type { UserAnswer } from "@/lib/contracts/users";

export async function PATCH(request: NextRequest, context: RouteContext<"/api/users/[id]">): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const id = parseRecordId((await context.params).id, "user id");
    const input = parseOrThrow(userUpdateSchema, await readJsonBody(request), "user");
    return json({ user: toPublicUser(await changeUser({ id, input, actor, origin: actor })) } satisfies UserAnswer);
  });
}
