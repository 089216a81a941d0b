import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { countConfigurationDependentsByKey } from "@/lib/db/configuration-usage";
import { json, respond } from "@/lib/http/respond";
import type { DependentsAnswer } from "@/lib/contracts/configurations";

export async function GET(
  request: NextRequest,
  context: RouteContext<"/api/configurations/[id]/dependents">,
): Promise<Response> {
  return respond(async () => {
    await requireActor(request);
    return json({
      dependents: await countConfigurationDependentsByKey({ key: (await context.params).id }),
    } satisfies DependentsAnswer);
  });
}
