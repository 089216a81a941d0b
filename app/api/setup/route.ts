import type { NextRequest } from "next/server";
import { assertSameOrigin } from "@/lib/auth/request-actor";
import { createFirstAdmin } from "@/lib/db/users";
import { json, readJsonBody, respond } from "@/lib/http/respond";

// Open without sign-in only while no user exists; createFirstAdmin refuses (403) afterwards.
export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    assertSameOrigin(request);
    const user = await createFirstAdmin({ input: await readJsonBody(request) });
    return json({ user: { id: user.id, email: user.email, role: user.role } }, { status: 201 });
  });
}
