import { database } from "@/lib/db/client";
import { messageStoreOf } from "@/lib/db/messages";
import { appUrl, resumeGraceMs } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { TurnStart } from "@/lib/db/conversations";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { LlmRequestError } from "@/lib/llm/errors";
import { adapterFor, resolveBaseUrl } from "@/lib/llm/registry";
import type { ChatMessage, GenerationParams, LlmEvent, ProviderConnection } from "@/lib/llm/types";
import { executeRun } from "@/lib/runs/execute-run";
import { LiveRun } from "@/lib/runs/live-run";
import { RunRecorder } from "@/lib/runs/run-recorder";
import { runStore } from "@/lib/runs/run-store";
import { defaultParamsSchema } from "@/lib/validation/configuration";
import type { RunParams } from "@/lib/validation/stream";
import { openApiKey, openExtraHeaders } from "@/lib/crypto/configuration-secrets";

/** The configuration's defaults, overridden by what the request says. */
function generationParams(configuration: Configuration, params: RunParams): GenerationParams {
  const defaults = defaultParamsSchema.safeParse(configuration.defaultParams);
  const base = defaults.success ? defaults.data : {};
  const reasoning =
    params.reasoningEffort || params.thinkingBudget
      ? { effort: params.reasoningEffort, budgetTokens: params.thinkingBudget }
      : undefined;
  return {
    temperature: params.temperature ?? base.temperature,
    // An admin-set cap is known to suit the model: it bounds a run that asks for nothing.
    maxTokens: params.maxTokens ?? base.maxTokens ?? configuration.maxTokensCap ?? undefined,
    topP: params.topP ?? base.topP,
    stop: params.stop ?? base.stop,
    ...(reasoning ? { reasoning } : {}),
  };
}

/** How to reach the configuration's provider; throws when its stored key cannot be decrypted. */
export function connectionFor(configuration: Configuration): ProviderConnection {
  let apiKey: string | null;
  let extraHeaders: Record<string, string>;
  try {
    apiKey = openApiKey(configuration);
    extraHeaders = openExtraHeaders(configuration);
  } catch {
    throw new AppError(
      "internal",
      `The API key or a header value of "${configuration.name}" cannot be decrypted with the current APP_ENCRYPTION_KEY. Restore the key it was saved with, or enter the secret again.`,
    );
  }
  let baseUrl: string;
  try {
    baseUrl = resolveBaseUrl(configuration.provider, configuration.baseUrl);
  } catch (error) {
    throw new AppError(
      "invalid_params",
      error instanceof LlmRequestError
        ? error.llmError.message
        : `"${configuration.name}" has no usable base URL. Edit the configuration.`,
    );
  }
  return {
    provider: configuration.provider,
    baseUrl,
    apiKey,
    model: configuration.model,
    extraHeaders,
  };
}

/** The messages sent to the provider: system prompt, earlier turns, the new user turn. */
export function contextFor(
  turn: Pick<TurnStart, "systemPrompt" | "history"> & { userMessage: { content: string } },
): ChatMessage[] {
  const messages: ChatMessage[] = turn.systemPrompt ? [{ role: "system", content: turn.systemPrompt }] : [];
  for (const message of turn.history) messages.push({ role: message.role, content: message.content });
  messages.push({ role: "user", content: turn.userMessage.content });
  return messages;
}

/** A provider request already on its way, its events not yet read. */
export type SentRequest = { abortController: AbortController; events: AsyncIterable<LlmEvent>; sentAt: number };

/**
 * Sends the provider request now. Its first event is awaited from here on, so work done before
 * the events are read (saving the turn: one round trip) overlaps the provider's time to first
 * token. Whoever does not go on to read `events` must abort the request.
 */
export function sendRequest({
  configuration,
  connection,
  messages,
  params,
}: {
  configuration: Configuration;
  connection: ProviderConnection;
  messages: ChatMessage[];
  params: RunParams;
}): SentRequest {
  const abortController = new AbortController();
  const sentAt = performance.now();
  const upstream = adapterFor(configuration.provider).stream(
    { connection, messages, params: generationParams(configuration, params) },
    { signal: abortController.signal, appUrl: appUrl() },
  );
  const iterator = upstream[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<LlmEvent>> | null = iterator.next();
  // Read later (or never, when the request is aborted first); a rejection is seen then.
  first.catch(() => undefined);
  const events: AsyncIterable<LlmEvent> = {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const result = first ?? iterator.next();
        first = null;
        return result;
      },
      return: async () => (await iterator.return?.()) ?? { done: true, value: undefined },
    }),
  };
  return { abortController, events, sentAt };
}

/**
 * Starts streaming the assistant reply of a prepared turn; the run is live (and findable) at once.
 * `sent` is its provider request when that went out before the turn was saved.
 */
export function startRun({
  configuration,
  connection,
  turn,
  params,
  sent = sendRequest({ configuration, connection, messages: contextFor(turn), params }),
}: {
  configuration: Configuration;
  connection: ProviderConnection;
  turn: TurnStart;
  params: RunParams;
  sent?: SentRequest;
}): LiveRun {
  const { runId } = turn;
  // Owned by the conversation's creator: they (and admins) may resume and stop it.
  const run = new LiveRun(runId, turn.ownerUserId, resumeGraceMs(), sent.abortController);
  runStore().add(run);
  run.publish({
    type: "start",
    runId,
    conversationId: turn.conversationId,
    configuration: {
      id: configuration.id,
      slug: configuration.slug,
      provider: configuration.provider,
      model: configuration.model,
    },
  });
  const recorder = new RunRecorder(messageStoreOf(database()), turn.assistantMessage.id, performance.now());
  const work = executeRun({
    run,
    events: sent.events,
    startedAt: sent.sentAt,
    recorder,
    timeouts: { firstTokenMs: configuration.firstTokenTimeoutMs, totalMs: configuration.totalTimeoutMs },
  })
    .catch((error: unknown) => console.error(`run ${runId} failed to finish:`, error))
    .finally(() => {
      // Whatever happened, clients get a last event and the run can leave memory.
      if (!run.finished)
        run.publish({ type: "error", code: "internal", message: "The run ended unexpectedly. It has been logged." });
    });
  run.track(work);
  return run;
}
