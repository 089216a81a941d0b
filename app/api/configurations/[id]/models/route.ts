import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { getConfigurationByKey } from "@/lib/db/configurations";
import { json, respond } from "@/lib/http/respond";
import { listProviderModels } from "@/lib/runs/provider-models";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: NextRequest, context: Context): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request);
    const configuration = await getConfigurationByKey({ key: (await context.params).id });
    return json(await listProviderModels(configuration, actor));
  });
}
