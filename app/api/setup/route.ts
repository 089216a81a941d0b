import type { NextRequest } from "next/server";
import { assertNotFromElsewhere } from "@/lib/auth/same-origin";
import { createFirstAdmin } from "@/lib/db/users";
import { json, readJsonBody, respond } from "@/lib/http/respond";

// Open without sign-in only while no user exists; createFirstAdmin refuses (403) afterwards.
export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    assertNotFromElsewhere(request);
    const user = await createFirstAdmin({ input: await readJsonBody(request) });
    return json({ user: { id: user.id, email: user.email, role: user.role } }, { status: 201 });
  });
}
