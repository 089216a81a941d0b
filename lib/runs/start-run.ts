import type { RequestActor } from "@/lib/auth/request-actor";
import { database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { decryptApiKey } from "@/lib/db/configurations";
import type { TurnStart } from "@/lib/db/conversations";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { LlmRequestError } from "@/lib/llm/errors";
import { adapterFor, resolveBaseUrl } from "@/lib/llm/registry";
import type { ChatMessage, GenerationParams, ProviderConnection } from "@/lib/llm/types";
import { executeRun } from "@/lib/runs/execute-run";
import { LiveRun } from "@/lib/runs/live-run";
import { RunRecorder } from "@/lib/runs/run-recorder";
import { runStore } from "@/lib/runs/run-store";
import { defaultParamsSchema, extraHeadersSchema } from "@/lib/validation/configuration";
import type { RunParams } from "@/lib/validation/stream";

/** STREAM_RESUME_GRACE_MS: how long a run without clients keeps going (0 = cancel on disconnect). */
export function resumeGraceMs(): number {
  const value = Number(process.env.STREAM_RESUME_GRACE_MS ?? 10_000);
  return Number.isFinite(value) && value >= 0 ? value : 10_000;
}

/** The configuration's defaults, overridden by what the request says. */
export function generationParams(configuration: Configuration, params: RunParams): GenerationParams {
  const defaults = defaultParamsSchema.safeParse(configuration.defaultParams);
  const base = defaults.success ? defaults.data : {};
  const reasoning = params.reasoningEffort || params.thinkingBudget ? { effort: params.reasoningEffort, budgetTokens: params.thinkingBudget } : undefined;
  return {
    temperature: params.temperature ?? base.temperature,
    maxTokens: params.maxTokens ?? base.maxTokens,
    topP: params.topP ?? base.topP,
    stop: params.stop ?? base.stop,
    ...(reasoning ? { reasoning } : {}),
  };
}

/** How to reach the configuration's provider; throws when its stored key cannot be decrypted. */
export function connectionFor(configuration: Configuration): ProviderConnection {
  let apiKey: string | null;
  try {
    apiKey = decryptApiKey(configuration);
  } catch {
    throw new AppError("internal", `The API key of "${configuration.name}" cannot be decrypted with the current APP_ENCRYPTION_KEY. Restore the key it was saved with, or enter the API key again.`);
  }
  const headers = extraHeadersSchema.safeParse(configuration.extraHeaders);
  let baseUrl: string;
  try {
    baseUrl = resolveBaseUrl(configuration.provider, configuration.baseUrl);
  } catch (error) {
    throw new AppError("invalid_params", error instanceof LlmRequestError ? error.llmError.message : `"${configuration.name}" has no usable base URL. Edit the configuration.`);
  }
  return {
    provider: configuration.provider,
    baseUrl,
    apiKey,
    model: configuration.model,
    extraHeaders: headers.success ? headers.data : {},
  };
}

function contextFor(turn: TurnStart): ChatMessage[] {
  const messages: ChatMessage[] = turn.systemPrompt ? [{ role: "system", content: turn.systemPrompt }] : [];
  for (const message of turn.history) messages.push({ role: message.role, content: message.content });
  messages.push({ role: "user", content: turn.userMessage.content });
  return messages;
}

/** Starts streaming the assistant reply of a prepared turn; the run is live (and findable) at once. */
export function startRun({
  configuration,
  connection,
  turn,
  params,
  actor,
}: {
  configuration: Configuration;
  connection: ProviderConnection;
  turn: TurnStart;
  params: RunParams;
  actor: Pick<RequestActor, "userId">;
}): LiveRun {
  const runId = String(turn.assistantMessage.id);
  const run = new LiveRun(runId, actor.userId, resumeGraceMs());
  runStore().add(run);
  run.publish({
    type: "start",
    runId,
    conversationId: turn.conversationId,
    configuration: { id: configuration.id, slug: configuration.slug, provider: configuration.provider, model: configuration.model },
  });
  const recorder = new RunRecorder(database(), turn.assistantMessage.id, performance.now());
  const work = executeRun({
    run,
    adapter: adapterFor(configuration.provider),
    request: { connection, messages: contextFor(turn), params: generationParams(configuration, params) },
    recorder,
    timeouts: { firstTokenMs: configuration.firstTokenTimeoutMs, totalMs: configuration.totalTimeoutMs },
  })
    .catch((error: unknown) => console.error(`run ${runId} failed to finish:`, error))
    .finally(() => {
      // Whatever happened, clients get a last event and the run can leave memory.
      if (!run.finished) run.publish({ type: "error", code: "internal", message: "The run ended unexpectedly. It has been logged." });
    });
  run.track(work);
  return run;
}
