import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { requestInput } from "@/lib/http/request-input";
import { respond } from "@/lib/http/respond";
import { resumeResponse, streamPrompt } from "@/lib/runs/stream-run";
import { parseOrThrow } from "@/lib/validation/issues";
import { streamRequestSchema } from "@/lib/validation/stream";

export const dynamic = "force-dynamic";
// A long reply may stream for many minutes; no platform limit should cut it.
export const maxDuration = 3600;

async function handle(request: NextRequest): Promise<Response> {
  return respond(async () => {
    // GET starts a run too (and costs money), so cross-site GETs are refused like POSTs.
    const actor = await requireActor(request, { change: true });
    const resumed = await resumeResponse(request, actor);
    if (resumed) return resumed;
    const input = parseOrThrow(streamRequestSchema, await requestInput(request), "stream request");
    return streamPrompt({ request, actor, input });
  });
}

export { handle as GET, handle as POST };
