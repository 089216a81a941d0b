import type { LlmError, LlmEvent, Usage } from "@/lib/llm/types";
import { createTokenCounter } from "@/lib/llm/token-estimate";
import { mergeUsage, UNKNOWN_USAGE } from "@/lib/llm/usage";
import type { LiveRun } from "@/lib/runs/live-run";
import { tokensPerSecond } from "@/lib/contracts/metrics";
import type { RunMetrics, UsageReport } from "@/lib/contracts/run-events";
import type { RunRecorder } from "@/lib/runs/run-recorder";

export type RunTimeouts = { firstTokenMs: number; totalMs: number };

/** The provider's count when it gave one, else the estimate; totals only from known parts. */
function finalUsage(provider: Usage, estimatedTokens: number): UsageReport {
  const fromProvider = provider.completionTokens !== null;
  const completionTokens = provider.completionTokens ?? estimatedTokens;
  const totalTokens =
    provider.totalTokens ?? (provider.promptTokens !== null ? provider.promptTokens + completionTokens : null);
  return { ...provider, completionTokens, totalTokens, source: fromProvider ? "provider" : "estimate" };
}

function metrics(
  startedAt: number,
  firstTokenAt: number | null,
  endedAt: number,
  completionTokens: number,
): RunMetrics {
  const ttftMs = firstTokenAt === null ? null : firstTokenAt - startedAt;
  const durationMs = endedAt - startedAt;
  return {
    ttftMs: ttftMs === null ? null : Math.round(ttftMs),
    durationMs: Math.round(durationMs),
    tokensPerSecond: tokensPerSecond({ tokens: completionTokens, ttftMs, durationMs }),
  };
}

const TRUNCATED: LlmError = {
  code: "upstream_protocol",
  message: "The provider ended the stream without finishing the reply.",
};

/**
 * Relays one provider stream into a live run: running token counts on every chunk, first-token
 * and total timeouts, and the final record (complete, aborted or error) with whatever arrived.
 * The record is saved before the final event goes out, so a client that reads the conversation
 * on `done` or `error` never finds the reply still `streaming`.
 */
export async function executeRun({
  run,
  events,
  startedAt,
  recorder,
  timeouts,
}: {
  run: LiveRun;
  /** The provider's events, from a request sent at `startedAt` with `run.abortController`'s signal. */
  events: AsyncIterable<LlmEvent>;
  startedAt: number;
  recorder: RunRecorder;
  timeouts: RunTimeouts;
}): Promise<void> {
  const counter = createTokenCounter();
  const sinceSent = performance.now() - startedAt;
  let firstTokenAt: number | null = null;
  let tokens = 0;
  let usage = UNKNOWN_USAGE;
  let finishReason: string | null = null;
  let failure: LlmError | null = null;
  let timedOut: "first token" | "total" | null = null;

  const firstTokenTimer = setTimeout(
    () => {
      timedOut = "first token";
      run.abort("timeout");
    },
    Math.max(0, timeouts.firstTokenMs - sinceSent),
  );
  const totalTimer = setTimeout(
    () => {
      timedOut = "total";
      run.abort("timeout");
    },
    Math.max(0, timeouts.totalMs - sinceSent),
  );

  const onDelta = (event: Extract<LlmEvent, { type: "text-delta" | "reasoning-delta" }>) => {
    const now = performance.now();
    if (firstTokenAt === null) {
      firstTokenAt = now;
      clearTimeout(firstTokenTimer);
    }
    // A prefix can take more BPE tokens than its extension ("wor" + "ld"); the count shown never goes back.
    tokens = Math.max(tokens, counter.add(event.text));
    if (event.type === "text-delta") {
      recorder.appendText(event.text, now);
      run.publish({ type: "chunk", content: event.text, tokens });
    } else {
      recorder.appendReasoning(event.text, now);
      run.publish({ type: "thinking", content: event.text, tokens });
    }
  };

  try {
    for await (const event of events) {
      if (run.abortController.signal.aborted) break;
      if (event.type === "text-delta" || event.type === "reasoning-delta") {
        if (event.text) onDelta(event);
      } else if (event.type === "usage") usage = mergeUsage(usage, event.usage);
      else if (event.type === "finish") finishReason = event.finishReason;
      else {
        failure = event.error;
        break;
      }
    }
  } catch (error) {
    // Adapters report failures as events; anything thrown is a bug, logged and kept from the client.
    console.error(`run ${run.runId}: adapter threw`, error);
    failure = { code: "upstream_error", message: "The provider request failed unexpectedly. It has been logged." };
  } finally {
    clearTimeout(firstTokenTimer);
    clearTimeout(totalTimer);
  }

  const endedAt = performance.now();
  const estimatedTokens = counter.total();
  const report = finalUsage(usage, estimatedTokens);
  const runMetrics = metrics(startedAt, firstTokenAt, endedAt, report.completionTokens ?? estimatedTokens);
  const base = { usage: report, estimatedTokens, ttftMs: runMetrics.ttftMs, durationMs: runMetrics.durationMs };

  if (timedOut) {
    const limit = timedOut === "first token" ? timeouts.firstTokenMs : timeouts.totalMs;
    failure = {
      code: "timeout",
      message: `No ${timedOut === "first token" ? "first token" : "end of the reply"} within ${Math.round(limit / 1000)} s; the provider request was cancelled. Raise the configuration's ${timedOut === "first token" ? "first-token" : "total"} timeout if the model needs longer.`,
    };
  } else if (run.abortReason) {
    await recorder.finish({
      ...base,
      status: "aborted",
      finishReason: "aborted",
      errorCode: run.abortReason === "stop" ? "stopped" : "abandoned",
      errorMessage:
        run.abortReason === "stop"
          ? "Stopped by the user; the provider request was cancelled."
          : "The client went away; the provider request was cancelled after the grace window.",
    });
    run.publish({ type: "done", finishReason: "aborted", usage: report, metrics: runMetrics });
    return;
  } else if (!failure && finishReason === null) {
    failure = TRUNCATED;
  }

  if (failure) {
    await recorder.finish({
      ...base,
      status: "error",
      finishReason,
      errorCode: failure.code,
      errorMessage: failure.message,
    });
    run.publish({
      type: "error",
      code: failure.code,
      message: failure.message,
      ...(failure.status ? { status: failure.status } : {}),
      ...(failure.retryAfterSeconds ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
    });
    return;
  }
  await recorder.finish({ ...base, status: "complete", finishReason });
  run.publish({ type: "done", finishReason: finishReason ?? "stop", usage: report, metrics: runMetrics });
}
