import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { getConfigurationByKey } from "@/lib/db/configurations";
import { json, respond } from "@/lib/http/respond";
import { testConnection } from "@/lib/runs/connection-test";
import { connectionFor } from "@/lib/runs/start-run";

// Two small real requests, each limited to 30 s.
export const maxDuration = 120;

type Context = { params: Promise<{ id: string }> };

export async function POST(request: NextRequest, context: Context): Promise<Response> {
  return respond(async () => {
    await requireActor(request, { change: true });
    const configuration = await getConfigurationByKey({ key: (await context.params).id });
    return json({ configuration: { id: configuration.id, slug: configuration.slug }, report: await testConnection(connectionFor(configuration)) });
  });
}
