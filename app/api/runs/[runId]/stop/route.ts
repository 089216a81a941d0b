import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { json, respond } from "@/lib/http/respond";
import { stopRun } from "@/lib/runs/stop-run";
import { parseRecordId } from "@/lib/validation/route-params";

type Context = { params: Promise<{ runId: string }> };

export async function POST(request: NextRequest, context: Context): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    const runId = parseRecordId((await context.params).runId, "run id");
    return json(await stopRun({ runId, actor }));
  });
}
