import type { NextRequest } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/request-actor";
import { revokeApiToken, toPublicApiToken } from "@/lib/db/api-tokens";
import { json, respond } from "@/lib/http/respond";
import { parseOrThrow } from "@/lib/validation/issues";

type Context = { params: Promise<{ id: string }> };

const tokenIdSchema = z.coerce.number("token id must be a number").int("token id must be a whole number").positive("token id must be positive").max(2_147_483_647, "token id is too large");

export async function DELETE(request: NextRequest, context: Context): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const id = parseOrThrow(tokenIdSchema, (await context.params).id, "token id");
    return json({ apiToken: toPublicApiToken(await revokeApiToken({ id, actor })) });
  });
}
