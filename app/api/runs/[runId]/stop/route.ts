import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { json, respond } from "@/lib/http/respond";
import { stopRun } from "@/lib/runs/stop-run";

/** Stops a run: the conversation's creator or an admin; anyone else gets the 404 of an unknown run. */
export async function POST(request: NextRequest, context: RouteContext<"/api/runs/[runId]/stop">): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    return json(await stopRun({ runId: (await context.params).runId, actor }));
  });
}
