import type { NextRequest } from "next/server";
import { configurationLookup } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/request-actor";
import { getConfigurationByKey } from "@/lib/db/configurations";
import { json, respond } from "@/lib/http/respond";
import { testAndRecordConnection } from "@/lib/runs/recorded-connection-test";
import { admitConnectionTest } from "@/lib/runs/run-limits";
import type { ConnectionTestAnswer } from "@/lib/contracts/configurations";

// Two small real requests, each limited to 30 s.
export const maxDuration = 120;

export async function POST(
  request: NextRequest,
  context: RouteContext<"/api/configurations/[id]/test">,
): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    // Viewers test active configurations only (404 otherwise, no request sent); admins any.
    const configuration = await getConfigurationByKey({
      key: (await context.params).id,
      ...configurationLookup(actor),
    });
    await admitConnectionTest(actor);
    const { report, lastTest } = await testAndRecordConnection({ configuration, actor });
    return json({
      configuration: { id: configuration.id, slug: configuration.slug },
      report,
      lastTest,
    } satisfies ConnectionTestAnswer);
  });
}
