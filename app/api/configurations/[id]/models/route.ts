import type { NextRequest } from "next/server";
import { configurationLookup } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/request-actor";
import { getConfigurationByKey } from "@/lib/db/configurations";
import { json, respond } from "@/lib/http/respond";
import { listProviderModels } from "@/lib/runs/provider-models";

export async function GET(
  request: NextRequest,
  context: RouteContext<"/api/configurations/[id]/models">,
): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request);
    // Viewers list models of active configurations only (404 otherwise, no request sent); admins any.
    const configuration = await getConfigurationByKey({
      key: (await context.params).id,
      ...configurationLookup(actor),
    });
    return json(await listProviderModels(configuration, actor));
  });
}
