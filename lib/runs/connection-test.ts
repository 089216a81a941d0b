import { appUrl } from "@/lib/env";
import type { CapabilityReport } from "@/lib/contracts/configurations";
import { LlmRequestError } from "@/lib/llm/errors";
import { adapterFor } from "@/lib/llm/registry";
import type { LlmError, ProviderConnection, StreamRequest } from "@/lib/llm/types";

const PROBE_PROMPT = "Reply with one short sentence to confirm you are reachable.";
const STEP_TIMEOUT_MS = 30_000;

function probeRequest(connection: ProviderConnection): StreamRequest {
  return { connection, messages: [{ role: "user", content: PROBE_PROMPT }], params: { maxTokens: 64, temperature: 0 } };
}

async function listModels(connection: ProviderConnection) {
  try {
    const models = await adapterFor(connection.provider).listModels(connection, {
      signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
      appUrl: appUrl(),
    });
    return { models, error: null };
  } catch (error) {
    return {
      models: null,
      error:
        error instanceof LlmRequestError
          ? error.llmError
          : ({ code: "upstream_error", message: "Listing the models failed." } satisfies LlmError),
    };
  }
}

/** Streams the probe and watches what comes: timing of deltas, usage, reasoning, errors. */
async function probeStream(connection: ProviderConnection) {
  const startedAt = performance.now();
  const deltaTimes: number[] = [];
  let usageReported = false;
  let reasoningEmitted = false;
  let error: LlmError | null = null;
  const signal = AbortSignal.timeout(STEP_TIMEOUT_MS);
  for await (const event of adapterFor(connection.provider).stream(probeRequest(connection), {
    signal,
    appUrl: appUrl(),
  })) {
    if (event.type === "text-delta" || event.type === "reasoning-delta") {
      deltaTimes.push(performance.now());
      if (event.type === "reasoning-delta") reasoningEmitted = true;
    } else if (event.type === "usage") usageReported ||= event.usage.completionTokens !== null;
    else if (event.type === "error") error = event.error;
  }
  if (signal.aborted && !error)
    error = { code: "timeout", message: `No complete reply within ${STEP_TIMEOUT_MS / 1000} s.` };
  const first = deltaTimes[0];
  const last = deltaTimes[deltaTimes.length - 1];
  return {
    error,
    streams: deltaTimes.length > 0,
    // More than one delta, spread over time: the reply was not buffered and sent at once.
    streamsIncrementally: deltaTimes.length > 1 && first !== undefined && last !== undefined ? last - first > 0 : null,
    usageReported,
    reasoningEmitted,
    firstTokenLatencyMs: first === undefined ? null : Math.round(first - startedAt),
  };
}

/** Aborts a second probe after its first delta and measures how soon the stream closes. */
async function probeCancellation(
  connection: ProviderConnection,
): Promise<{ honoured: boolean | null; latencyMs: number | null }> {
  const controller = new AbortController();
  const guard = setTimeout(() => controller.abort(), STEP_TIMEOUT_MS);
  let abortedAt: number | null = null;
  let eventsAfterAbort = 0;
  try {
    for await (const event of adapterFor(connection.provider).stream(probeRequest(connection), {
      signal: controller.signal,
      appUrl: appUrl(),
    })) {
      if (abortedAt !== null) eventsAfterAbort += 1;
      else if (event.type === "text-delta" || event.type === "reasoning-delta") {
        abortedAt = performance.now();
        controller.abort();
      }
    }
  } finally {
    clearTimeout(guard);
  }
  if (abortedAt === null) return { honoured: null, latencyMs: null };
  return { honoured: eventsAfterAbort === 0, latencyMs: Math.round(performance.now() - abortedAt) };
}

/**
 * Runs the real streaming path against a configuration and reports what works: reachable,
 * key accepted, model listed, streaming, usage, reasoning, cancellation and first-token latency.
 */
export async function testConnection(connection: ProviderConnection): Promise<CapabilityReport> {
  const listing = await listModels(connection);
  const listedIds = listing.models?.map((model) => model.id) ?? null;
  const stream = await probeStream(connection);
  const cancellation = stream.streams ? await probeCancellation(connection) : { honoured: null, latencyMs: null };
  const error = stream.error ?? listing.error;
  const unreachable = error?.code === "upstream_unavailable" && !stream.streams;
  const authFailed = stream.error?.code === "auth_failed" || listing.error?.code === "auth_failed";
  return {
    reachable: !unreachable,
    authOk: authFailed ? false : stream.streams || listing.models ? true : null,
    modelListed: listedIds && listedIds.length > 0 ? listedIds.includes(connection.model) : null,
    modelCount: listedIds?.length ?? null,
    streams: stream.streams,
    streamsIncrementally: stream.streamsIncrementally,
    usageReported: stream.streams ? stream.usageReported : null,
    reasoningEmitted: stream.reasoningEmitted,
    cancellationHonoured: cancellation.honoured,
    firstTokenLatencyMs: stream.firstTokenLatencyMs,
    cancelLatencyMs: cancellation.latencyMs,
    error,
  };
}
