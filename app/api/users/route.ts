import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { createUser, listUsers, toPublicUser } from "@/lib/db/users";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { parseOrThrow } from "@/lib/validation/issues";
import { userCreateSchema } from "@/lib/validation/user";

export async function GET(request: NextRequest): Promise<Response> {
  return respond(async () => {
    await requireActor(request, { role: "admin" });
    return json({ users: (await listUsers()).map(toPublicUser) });
  });
}

export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const input = parseOrThrow(userCreateSchema, await readJsonBody(request), "user");
    const user = await createUser({ input, actor });
    return json({ user: toPublicUser(user) }, { status: 201 });
  });
}
