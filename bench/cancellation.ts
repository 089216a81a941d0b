// c. Cancellation latency: explicit stop and client disconnect.
import type { SimulatedRequest } from "../lib/simulator/types";
import { appStream, createConfiguration } from "./client";
import type { BenchContext } from "./speed";
import { summarize, type Summary } from "./stats";

const CANCEL_SCENARIO = "long-200+slow-50";

export type CancelResult = {
  mode: "stop" | "disconnect";
  runs: number;
  latencyMs: Summary;
  notSeen: number;
  errors: number;
};

function lastUserContent(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("messages" in body) || !Array.isArray(body.messages)) return null;
  const last: unknown = body.messages.at(-1);
  return typeof last === "object" && last !== null && "content" in last && typeof last.content === "string"
    ? last.content
    : null;
}

async function simulatorRequests(simulatorUrl: string, tag: string): Promise<SimulatedRequest[]> {
  const response = await fetch(`${simulatorUrl}/__simulator/requests?tag=${encodeURIComponent(tag)}`);
  return ((await response.json()) as { requests: SimulatedRequest[] }).requests;
}

/**
 * `runs` streams, `parallel` at a time; after the first chunk each is stopped (POST stop) or
 * dropped (abort). Latency = the simulator's disconnectedAt − the moment of stop/abort (Date.now()
 * in both processes, same clock, 1 ms resolution), matched by prompt.
 */
export async function measureCancellation(
  context: BenchContext,
  mode: "stop" | "disconnect",
  runs: number,
  parallel: number,
): Promise<CancelResult> {
  const slug = await createConfiguration(context.appUrl, context.token, context.simulatorUrl, CANCEL_SCENARIO);
  const cancelledAt = new Map<string, number>();
  let errors = 0;
  const one = async (index: number): Promise<void> => {
    const prompt = `bench cancel ${mode} ${index} ${Math.random().toString(36).slice(2, 8)}`;
    let stopRequest: Promise<void> = Promise.resolve();
    const result = await appStream(context.appUrl, context.token, slug, prompt, {
      onFirstChunk: (runId, abort) => {
        cancelledAt.set(prompt, Date.now());
        if (mode === "disconnect") return abort();
        stopRequest = fetch(`${context.appUrl}/api/runs/${runId ?? "missing"}/stop`, {
          method: "POST",
          headers: { Authorization: `Bearer ${context.token}` },
        }).then(async (response) => {
          await response.body?.cancel();
          if (!response.ok) errors += 1;
        });
      },
    });
    await stopRequest;
    if (result.firstChunkMs === null) errors += 1;
  };
  for (let start = 0; start < runs; start += parallel) {
    await Promise.all(Array.from({ length: Math.min(parallel, runs - start) }, (_, offset) => one(start + offset)));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const latencies: number[] = [];
  let notSeen = 0;
  const seen = new Map<string, SimulatedRequest>();
  for (const request of await simulatorRequests(context.simulatorUrl, slug)) {
    const prompt = lastUserContent(request.body);
    if (prompt) seen.set(prompt, request);
  }
  for (const [prompt, at] of cancelledAt) {
    const disconnectedAt = seen.get(prompt)?.disconnectedAt;
    if (typeof disconnectedAt === "number") latencies.push(disconnectedAt - at);
    else notSeen += 1;
  }
  return { mode, runs, latencyMs: summarize(latencies), notSeen, errors };
}
