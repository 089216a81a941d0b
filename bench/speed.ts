// a. Added time to first token and b. relay throughput (with the app's CPU time).
import { longTokens } from "../lib/simulator/reply";
import { appStream, createConfiguration, directStream, type StreamResult } from "./client";
import { cpuMs } from "./proc";
import { median, percentile, summarize, type Summary } from "./stats";

export type BenchContext = {
  appUrl: string;
  simulatorUrl: string;
  token: string;
  appPid: number;
  /** Where the app writes its SQL statement count on SIGUSR2. */
  sqlCountFile: string;
};

const TTFT_SCENARIO = "fast-20";
const THROUGHPUT_TOKENS = 20_000;

export type TtftResult = {
  concurrency: number;
  /** Streams held open by the concurrency test while this was measured (0 on an idle app). */
  openStreams: number;
  samples: number;
  direct: Summary;
  app: Summary;
  /** pX(app) − pX(direct): the two distributions compared percentile by percentile. */
  addedByDistribution: { p50: number; p95: number; p99: number };
  /** Percentiles of (app − direct) for requests paired by launch position within a round. */
  addedPaired: Summary;
  /** The app server's CPU time per run (20-token reply): start path + relay + save; with streams open, theirs too. */
  appCpuMsPerRun: number;
  errors: number;
};

function firstChunks(results: StreamResult[]): { values: number[]; errors: number } {
  const values = results.map((result) => result.firstChunkMs).filter((value): value is number => value !== null);
  return {
    values,
    errors: results.filter((result) => result.firstChunkMs === null || result.errors.length > 0).length,
  };
}

let promptCounter = 0;
const prompt = (label: string): string => `bench ${label} ${++promptCounter} ${Math.random().toString(36).slice(2, 8)}`;

/** Rounds of `concurrency` streams through the app and directly, alternating; stops early at `until` (performance.now()). */
export async function measureTtft(
  context: BenchContext,
  concurrency: number,
  rounds: number,
  { openStreams = 0, until = Infinity }: { openStreams?: number; until?: number } = {},
): Promise<TtftResult> {
  const slug = await createConfiguration(context.appUrl, context.token, context.simulatorUrl, TTFT_SCENARIO);
  let appCpuMs = 0;
  const viaApp = async () => {
    const before = cpuMs(context.appPid);
    const results = await Promise.all(
      Array.from({ length: concurrency }, () => appStream(context.appUrl, context.token, slug, prompt("ttft"))),
    );
    appCpuMs += cpuMs(context.appPid) - before;
    return results;
  };
  const direct = () =>
    Promise.all(
      Array.from({ length: concurrency }, () => directStream(context.simulatorUrl, TTFT_SCENARIO, prompt("ttft"))),
    );
  await viaApp(); // warm-up: route, database connections, JIT
  await direct();
  appCpuMs = 0;
  const appTimes: number[] = [];
  const directTimes: number[] = [];
  const paired: number[] = [];
  let errors = 0;
  let done = 0;
  for (; done < rounds && performance.now() < until; done += 1) {
    const round = done;
    // Alternate which side goes first so drift over the run does not favour either.
    const [first, second] = round % 2 === 0 ? [await direct(), await viaApp()] : [await viaApp(), await direct()];
    const [directRound, appRound] = round % 2 === 0 ? [first, second] : [second, first];
    const d = firstChunks(directRound);
    const a = firstChunks(appRound);
    directTimes.push(...d.values);
    appTimes.push(...a.values);
    errors += d.errors + a.errors;
    directRound.forEach((result, index) => {
      const through = appRound[index]?.firstChunkMs;
      if (result.firstChunkMs !== null && through !== undefined && through !== null)
        paired.push(through - result.firstChunkMs);
    });
  }
  const added = (p: number): number => percentile(appTimes, p) - percentile(directTimes, p);
  return {
    concurrency,
    openStreams,
    samples: appTimes.length,
    direct: summarize(directTimes),
    app: summarize(appTimes),
    addedByDistribution: { p50: added(50), p95: added(95), p99: added(99) },
    addedPaired: summarize(paired),
    appCpuMsPerRun: appCpuMs / Math.max(1, done * concurrency),
    errors,
  };
}

export type ThroughputResult = {
  tokens: number;
  repeats: number;
  directChunksPerSecond: number;
  appChunksPerSecond: number;
  appChunkEvents: number;
  ratio: number;
  appCpuMsPer1000Chunks: number;
  textIntact: boolean;
};

/** Provider chunks per second over the whole request (send → end of stream), median of `repeats`; `textIntact` proves all of them arrived. */
export async function measureThroughput(context: BenchContext, repeats: number): Promise<ThroughputResult> {
  const scenario = `fast-${THROUGHPUT_TOKENS}`;
  const slug = await createConfiguration(context.appUrl, context.token, context.simulatorUrl, scenario);
  await appStream(context.appUrl, context.token, slug, prompt("warm")); // warm-up
  const directRates: number[] = [];
  const appRates: number[] = [];
  const cpuPer1000: number[] = [];
  let appChunkEvents = 0;
  let textIntact = true;
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const directPrompt = prompt("throughput");
    const direct = await directStream(context.simulatorUrl, scenario, directPrompt);
    directRates.push(THROUGHPUT_TOKENS / (direct.totalMs / 1000));
    const appPrompt = prompt("throughput");
    const cpuBefore = cpuMs(context.appPid);
    const viaApp = await appStream(context.appUrl, context.token, slug, appPrompt);
    const cpu = cpuMs(context.appPid) - cpuBefore;
    // Rates count the provider's chunks (one token each): the app may relay several in one event.
    appRates.push(THROUGHPUT_TOKENS / (viaApp.totalMs / 1000));
    cpuPer1000.push((cpu / THROUGHPUT_TOKENS) * 1000);
    appChunkEvents = viaApp.chunks;
    textIntact &&=
      viaApp.text === longTokens(appPrompt, THROUGHPUT_TOKENS).join("") &&
      direct.text === longTokens(directPrompt, THROUGHPUT_TOKENS).join("");
  }
  const directRate = median(directRates);
  const appRate = median(appRates);
  return {
    tokens: THROUGHPUT_TOKENS,
    repeats,
    directChunksPerSecond: directRate,
    appChunksPerSecond: appRate,
    appChunkEvents,
    ratio: appRate / directRate,
    appCpuMsPer1000Chunks: median(cpuPer1000),
    textIntact,
  };
}
