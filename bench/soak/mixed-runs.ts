// The soak's main load: N runs, a mix of complete replies, runs the client drops or stops, and
// provider errors, over every provider format, a few at a time. Server RSS is sampled throughout.
import { FAULT_PROVIDERS, type FaultProvider } from "../../e2e/support/fault-matrix";
import { rssMiB } from "../proc";
import { simulatorConfiguration, stopRun, streamRun, type Stream } from "./client";

type RunKind = "complete" | "dropped" | "stopped" | "error";
const KINDS: readonly RunKind[] = ["complete", "complete", "dropped", "stopped", "error"];

// fast: no delays, so thousands of runs fit in minutes; the runs cut short by the client are long
// and slow (200 tokens at 10 ms), so the cut always lands mid-reply.
const SCENARIOS: Record<RunKind, string> = {
  complete: "fast-40",
  dropped: "slow-10+long-200",
  stopped: "slow-10+long-200",
  error: "fast+midstream-error-5",
};

export type MixedRun = {
  index: number;
  kind: RunKind;
  provider: FaultProvider;
  stream: Stream;
  stopStatus: number | null;
};
export type RssSample = { progress: number; mib: number };

export async function runMixed({
  appUrl,
  simulatorUrl,
  token,
  runs,
  concurrency,
  serverPid,
  log,
}: {
  appUrl: string;
  simulatorUrl: string;
  token: string;
  runs: number;
  concurrency: number;
  serverPid: number;
  log: (message: string) => void;
}): Promise<{ results: MixedRun[]; rss: RssSample[]; seconds: number }> {
  const slugs = new Map<string, string>();
  for (const provider of FAULT_PROVIDERS) {
    for (const kind of ["complete", "dropped", "error"] as const) {
      slugs.set(
        `${provider}/${kind}`,
        await simulatorConfiguration(appUrl, token, simulatorUrl, provider, SCENARIOS[kind]),
      );
    }
  }
  const results: MixedRun[] = [];
  const rss: RssSample[] = [];
  const sampler = setInterval(() => rss.push({ progress: results.length / runs, mib: rssMiB(serverPid) }), 250);
  const started = performance.now();
  let next = 0;

  const one = async (index: number): Promise<MixedRun> => {
    const kind = KINDS[index % KINDS.length] ?? "complete";
    const provider = FAULT_PROVIDERS[Math.floor(index / KINDS.length) % FAULT_PROVIDERS.length] ?? "openai";
    const slug = slugs.get(`${provider}/${kind === "stopped" ? "dropped" : kind}`) ?? "";
    let stopping: Promise<number> | null = null;
    const stream = await streamRun(appUrl, token, slug, `Soak run ${index}`, (current) => {
      if (current.chunks < 2) return;
      if (kind === "dropped") return "drop";
      if (kind === "stopped" && !stopping && current.runId !== null) stopping = stopRun(appUrl, token, current.runId);
    });
    return { index, kind, provider, stream, stopStatus: stopping ? await stopping : null };
  };

  const worker = async (): Promise<void> => {
    while (next < runs) {
      const index = next;
      next += 1;
      results.push(await one(index));
      if (results.length % 1000 === 0)
        log(`${results.length}/${runs} runs, server RSS ${rssMiB(serverPid).toFixed(0)} MiB`);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    clearInterval(sampler);
  }
  rss.push({ progress: 1, mib: rssMiB(serverPid) });
  return { results, rss, seconds: (performance.now() - started) / 1000 };
}

/**
 * RSS growth over the second half: the floor of the samples just before the middle against the
 * floor of those at the end. Floors are the levels after garbage collections: a leak raises
 * them, the saw-tooth of a healthy heap does not.
 */
export function secondHalfGrowth(samples: RssSample[]): { middleMiB: number; endMiB: number; growth: number } {
  const floor = (from: number, to: number) =>
    Math.min(
      ...samples.filter((sample) => sample.progress >= from && sample.progress <= to).map((sample) => sample.mib),
    );
  const middleMiB = floor(0.4, 0.5);
  const endMiB = floor(0.9, 1);
  return { middleMiB, endMiB, growth: (endMiB - middleMiB) / middleMiB };
}
