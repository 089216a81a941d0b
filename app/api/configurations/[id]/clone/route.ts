import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { cloneConfiguration } from "@/lib/db/configuration-clone";
import { toPublicConfiguration } from "@/lib/views/configurations";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { configurationUpdateSchema } from "@/lib/validation/configuration";
import { parseOrThrow } from "@/lib/validation/issues";
import type { ConfigurationAnswer } from "@/lib/contracts/configurations";

export async function POST(
  request: NextRequest,
  context: RouteContext<"/api/configurations/[id]/clone">,
): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const { id } = await context.params;
    const input = parseOrThrow(configurationUpdateSchema, await readJsonBody(request), "configuration");
    const configuration = await cloneConfiguration({ key: id, input, actor });
    return json(
      { configuration: toPublicConfiguration(configuration, { forAdmin: true }) } satisfies ConfigurationAnswer,
      { status: 201 },
    );
  });
}
