import type { NextRequest } from "next/server";
import { providerModelsBody } from "@/app/api/provider-models/schema";
import { requireActor } from "@/lib/auth/request-actor";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { listModelsForConnection } from "@/lib/runs/provider-models";
import { parseOrThrow } from "@/lib/validation/issues";

// Admins only: it reaches any URL, with a stored key when `keyFrom` names a configuration.
export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    await requireActor(request, { role: "admin", change: true });
    const details = parseOrThrow(providerModelsBody, await readJsonBody(request), "connection details");
    return json(await listModelsForConnection(details));
  });
}
