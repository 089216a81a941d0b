import type { NextRequest } from "next/server";
import { listConfigurationsQuery } from "@/app/api/configurations/schema";
import { requireActor } from "@/lib/auth/request-actor";
import { createConfiguration, listConfigurations } from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { parseOrThrow } from "@/lib/validation/issues";
import { searchParamsObject } from "@/lib/validation/query";
import { configurationCreateSchema } from "@/lib/validation/configuration";
import type { ConfigurationAnswer, ConfigurationListAnswer } from "@/lib/contracts/configurations";

export async function GET(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request);
    const query = parseOrThrow(listConfigurationsQuery, searchParamsObject(request.nextUrl), "query");
    const configurations = await listConfigurations({ includeInactive: query.all });
    const forAdmin = actor.role === "admin";
    return json({
      configurations: configurations.map((row) => toPublicConfiguration(row, { forAdmin })),
    } satisfies ConfigurationListAnswer);
  });
}

export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { role: "admin", change: true });
    const input = parseOrThrow(configurationCreateSchema, await readJsonBody(request), "configuration");
    const configuration = await createConfiguration({ input, actor });
    return json(
      { configuration: toPublicConfiguration(configuration, { forAdmin: true }) } satisfies ConfigurationAnswer,
      { status: 201 },
    );
  });
}
