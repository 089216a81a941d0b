import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { deleteConfiguration, getConfigurationByKey, updateConfiguration } from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { configurationUpdateSchema } from "@/lib/validation/configuration";
import { parseOrThrow } from "@/lib/validation/issues";
import type { ConfigurationAnswer, DeletedConfigurationAnswer } from "@/lib/contracts/configurations";

export async function GET(request: NextRequest, context: RouteContext<"/api/configurations/[id]">): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request);
    const { id } = await context.params;
    return json({
      configuration: toPublicConfiguration(await getConfigurationByKey({ key: id }), {
        forAdmin: actor.role === "admin",
      }),
    } satisfies ConfigurationAnswer);
  });
}

export async function PATCH(
  request: NextRequest,
  context: RouteContext<"/api/configurations/[id]">,
): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const { id } = await context.params;
    const input = parseOrThrow(configurationUpdateSchema, await readJsonBody(request), "configuration");
    const configuration = await updateConfiguration({ key: id, input, actor });
    return json({
      configuration: toPublicConfiguration(configuration, { forAdmin: true }),
    } satisfies ConfigurationAnswer);
  });
}

export async function DELETE(
  request: NextRequest,
  context: RouteContext<"/api/configurations/[id]">,
): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const { id } = await context.params;
    const configuration = await deleteConfiguration({ key: id, actor });
    return json({ deleted: { id: configuration.id, slug: configuration.slug } } satisfies DeletedConfigurationAnswer);
  });
}
