import type { NextRequest } from "next/server";
import { providerModelsBody } from "@/app/api/provider-models/schema";
import { requireActor } from "@/lib/auth/request-actor";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { listModelsForConnection } from "@/lib/runs/provider-models";
import { parseOrThrow } from "@/lib/validation/issues";

// Admins only: it reaches any URL the outbound policy allows; a stored key (`keyFrom`) only its own server, audited.
export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const details = parseOrThrow(providerModelsBody, await readJsonBody(request), "connection details");
    return json(await listModelsForConnection(details, actor));
  });
}
