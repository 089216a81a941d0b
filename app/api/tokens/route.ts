import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { createApiToken, listApiTokens } from "@/lib/db/api-tokens";
import { toPublicApiToken } from "@/lib/views/tokens";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { apiTokenCreateSchema } from "@/lib/validation/api-token";
import { parseOrThrow } from "@/lib/validation/issues";
import type { CreatedTokenAnswer, TokenListAnswer } from "@/lib/contracts/tokens";

export async function GET(request: NextRequest): Promise<Response> {
  return respond(async () => {
    await requireActor(request, { role: "admin" });
    return json({ tokens: (await listApiTokens()).map(toPublicApiToken) } satisfies TokenListAnswer);
  });
}

export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const input = parseOrThrow(apiTokenCreateSchema, await readJsonBody(request), "API token");
    const { token, record } = await createApiToken({ input, actor });
    // The only response that ever carries the token's value.
    return json({ token, apiToken: toPublicApiToken(record) } satisfies CreatedTokenAnswer, { status: 201 });
  });
}
