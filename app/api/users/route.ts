import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { createUser, listUsers } from "@/lib/db/users";
import { toPublicUser } from "@/lib/views/users";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { parseOrThrow } from "@/lib/validation/issues";
import { userCreateSchema } from "@/lib/validation/user";
import type { UserAnswer, UserListAnswer } from "@/lib/contracts/users";

export async function GET(request: NextRequest): Promise<Response> {
  return respond(async () => {
    await requireActor(request, { role: "admin" });
    return json({ users: (await listUsers()).map(toPublicUser) } satisfies UserListAnswer);
  });
}

export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const input = parseOrThrow(userCreateSchema, await readJsonBody(request), "user");
    const user = await createUser({ input, actor });
    return json({ user: toPublicUser(user) } satisfies UserAnswer, { status: 201 });
  });
}
