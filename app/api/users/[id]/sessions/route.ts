import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { signOutUserEverywhere } from "@/lib/auth/identity-changes";
import { json, respond } from "@/lib/http/respond";
import { parseRecordId } from "@/lib/validation/route-params";
import type { SignedOutAnswer } from "@/lib/contracts/users";

// "Sign out everywhere": ends every session of the user (yourself, or anyone for an admin).
export async function DELETE(
  request: NextRequest,
  context: RouteContext<"/api/users/[id]/sessions">,
): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    const id = parseRecordId((await context.params).id, "user id");
    return json({ signedOut: await signOutUserEverywhere({ id, actor }) } satisfies SignedOutAnswer);
  });
}
