import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/request-actor";
import { createCompareSet } from "@/lib/db/conversation-sets";
import { storedRunParams } from "@/lib/runs/stream-run";
import { BODY_LIMITS, json, readJsonBody, respond } from "@/lib/http/respond";
import { toPublicCompareSet } from "@/lib/views/compare-sets";
import { assertRunRoom } from "@/lib/runs/run-limits";
import { compareSetCreateSchema } from "@/lib/validation/conversation-sets";
import { parseOrThrow } from "@/lib/validation/issues";
import type { CompareSetAnswer } from "@/lib/contracts/conversations";

/** A compare set: one empty conversation per configuration; the page then streams the prompt into each. */
export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    const input = parseOrThrow(
      compareSetCreateSchema,
      await readJsonBody(request, { maxBytes: BODY_LIMITS.prompt }),
      "compare set",
    );
    const { configurations, prompt, system, title, ...params } = input;
    await assertRunRoom(actor, configurations.length);
    const { set, members } = await createCompareSet({
      configurationKeys: configurations,
      prompt,
      systemPrompt: system,
      title,
      params: storedRunParams(params),
      userId: actor.userId,
    });
    return json(
      {
        set: toPublicCompareSet({ ...set, replays: members.map((member) => ({ ...member, messages: [] })) }),
      } satisfies CompareSetAnswer,
      { status: 201 },
    );
  });
}
