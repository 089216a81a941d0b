import { assertMayChangeConversation, maySeeConversation, type Principal } from "@/lib/auth/policy";
import type { RequestActor } from "@/lib/auth/request-actor";
import { getConfigurationByKey } from "@/lib/db/configurations";
import { findConversationOwner, startConversationTurn, startPromptRun, type TurnStart } from "@/lib/db/conversations";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseLastEventId } from "@/lib/runs/run-events";
import { newRunId } from "@/lib/runs/run-id";
import { admitRun, type RunSlot } from "@/lib/runs/run-limits";
import { assertRunSize } from "@/lib/runs/run-size-limits";
import { markOwnerLost, runStore } from "@/lib/runs/run-store";
import { sseResponse } from "@/lib/runs/sse-response";
import { connectionFor, contextFor, sendRequest, startRun } from "@/lib/runs/start-run";
import type { RunParams, StreamRequestInput } from "@/lib/validation/stream";

function runParamsOf(input: RunParams): RunParams {
  const { temperature, maxTokens, topP, stop, reasoningEffort, thinkingBudget } = input;
  return { temperature, maxTokens, topP, stop, reasoningEffort, thinkingBudget };
}

/** The run parameters of a request as a conversation or message stores them (unset ones left out). */
export function storedRunParams(input: RunParams): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(runParamsOf(input))) as Prisma.InputJsonValue;
}

const NOTHING_TO_RESUME = () => new Response(null, { status: 204 });

/**
 * A reconnect (EventSource sends Last-Event-ID): the events after that one, without a second
 * provider call — from this instance's memory, or relayed from the instance streaming the run
 * (Redis); 204 when nothing is left to send, which stops EventSource from reconnecting. A run
 * `actor` may not see gets the same 204 as an unknown one: no oracle of which runs are live. Null
 * when the request is not a reconnect.
 */
export async function resumeResponse(request: Request, actor: Principal): Promise<Response | null> {
  const lastEventId = request.headers.get("last-event-id");
  if (lastEventId === null) return null;
  const position = parseLastEventId(lastEventId);
  if (!position) return NOTHING_TO_RESUME();
  const next = position.seq + 1;
  const run = runStore().get(position.runId);
  if (run) {
    if (!maySeeConversation(actor, { createdById: run.ownerUserId })) return NOTHING_TO_RESUME();
    if (run.finished && run.eventCount <= next) return NOTHING_TO_RESUME();
    return sseResponse(run, next, request.signal);
  }
  const remote = await runStore().findElsewhere(position.runId);
  // Unknown, not theirs, or finished long enough ago to have been forgotten (its message holds the result).
  if (!remote || !maySeeConversation(actor, { createdById: remote.state.ownerUserId })) return NOTHING_TO_RESUME();
  if (remote.state.finished && remote.state.eventCount <= next) return NOTHING_TO_RESUME();
  if (!remote.state.finished && !remote.state.ownerAlive) {
    await markOwnerLost(position.runId);
    return NOTHING_TO_RESUME();
  }
  return sseResponse(remote, next, request.signal);
}

/**
 * A prompt run: a new conversation, its first turn streamed. The provider request goes out while
 * the turn is being saved (it needs nothing the insert returns), and is cancelled if that fails.
 */
export async function streamPrompt({
  request,
  actor,
  input,
}: {
  request: Request;
  actor: RequestActor;
  input: StreamRequestInput;
}): Promise<Response> {
  const configuration = await getConfigurationByKey({ key: input.configuration, activeOnly: true });
  const connection = connectionFor(configuration);
  const params = runParamsOf(input);
  const messages = contextFor({
    systemPrompt: input.system || null,
    history: [],
    userMessage: { content: input.prompt },
  });
  assertRunSize({ configuration, params, messages });
  const slot = await admitRun(actor);
  const sent = sendRequest({ configuration, connection, messages, params });
  let turn: TurnStart;
  try {
    turn = await startPromptRun({
      configuration,
      prompt: input.prompt,
      systemPrompt: input.system,
      title: input.title,
      params: storedRunParams(params),
      userId: actor.userId,
      runId: newRunId(),
    });
  } catch (error) {
    sent.abortController.abort();
    slot.release();
    throw error;
  }
  const run = slot.holdFor(startRun({ configuration, connection, turn, params, sent }));
  return sseResponse(run, 0, request.signal);
}

/**
 * The next turn of a conversation, with the whole conversation as context: its creator or an admin
 * only (checked first, so nothing is loaded or sent for anyone else, and again under the row lock).
 */
export async function streamConversationTurn({
  request,
  actor,
  conversationId,
  input,
}: {
  request: Request;
  actor: RequestActor;
  conversationId: number;
  input: RunParams & { message: string; configuration?: string | undefined };
}): Promise<Response> {
  const conversation = await findConversationOwner({ id: conversationId });
  assertMayChangeConversation(actor, conversation, "continue");
  const key = input.configuration ?? conversation.configurationId;
  if (key === null)
    throw new AppError(
      "invalid_params",
      "This conversation's configuration was deleted. Pass configuration=<id or slug> to continue it with another one.",
    );
  const configuration = await getConfigurationByKey({ key, activeOnly: true });
  const connection = connectionFor(configuration);
  const params = runParamsOf(input);
  let slot: RunSlot | undefined;
  const turn = await startConversationTurn({
    conversationId,
    configuration,
    message: input.message,
    params: storedRunParams(params),
    actor,
    runId: newRunId(),
    // Sized on the history the turn reads under its lock, and admitted only when it fits: a
    // refused size must not count as a start.
    beforeSave: async (context) => {
      assertRunSize({
        configuration,
        params,
        messages: contextFor({ ...context, userMessage: { content: input.message } }),
      });
      slot = await admitRun(actor);
    },
  }).catch((error: unknown) => {
    slot?.release();
    throw error;
  });
  if (!slot) throw new Error("startConversationTurn returned without admitting the run");
  const run = slot.holdFor(startRun({ configuration, connection, turn, params }));
  return sseResponse(run, 0, request.signal);
}
