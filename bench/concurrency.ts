// d. Concurrency: N streams at 20 tokens/s each for the profile's duration, driven from separate
// load-generator processes (load-worker.ts) so the client's event loop is not the app's.
import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "../lib/testing/database";
import { createConfiguration } from "./client";
import { histogramCount, histogramPercentile, mergeHistograms } from "./histogram";
import type { LoadWorkerInput, LoadWorkerResult } from "./load-worker";
import { cpuMs, rssMiB, watchPeakRss } from "./proc";
import { measureTtft, type BenchContext, type TtftResult } from "./speed";

const TOKEN_DELAY_MS = 50; // 20 tokens/s
const STREAMS_PER_WORKER = 500;
const CONTROL_STREAMS_PER_WORKER = 10;

export type ConcurrencyResult = {
  streams: number;
  seconds: number;
  tokensPerStream: number;
  rampMs: number;
  errors: number;
  errorSamples: string[];
  lostOrWrongText: number;
  reordered: number;
  chunks: number;
  /** Inter-chunk gap through the app − the 50 ms pace. */
  addedGapMs: { p50: number; p99: number };
  /** The same for direct control streams running alongside: the simulator's and client's own jitter. */
  controlGapMs: { p50: number; p99: number; errors: number };
  baselineRssMiB: number;
  peakRssMiB: number;
  rssPerStreamKiB: number;
  appCpuSeconds: number;
  workers: number;
  workerCpuSeconds: number;
  workerEventLoopDelayP99Ms: number;
  wallSeconds: number;
  /** Added time to first token of one new stream at a time while these streams are open. */
  ttftWhileOpen: TtftResult | null;
};

// Probes start once every stream is open and stop well before they end.
const PROBE_SETTLE_MS = 1_000;
const PROBE_MARGIN_MS = 3_000;

function runWorker(input: LoadWorkerInput): Promise<LoadWorkerResult> {
  const child = spawn(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["bench/load-worker.ts", JSON.stringify(input)], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (data: Buffer) => (output += data.toString()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      const line = output.trim().split("\n").at(-1) ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as LoadWorkerResult);
      else reject(new Error(`load worker ${input.label} exited with code ${code}`));
    });
  });
}

export async function measureConcurrency(
  context: BenchContext,
  streams: number,
  seconds: number,
  probeRounds: number,
): Promise<ConcurrencyResult> {
  const tokens = Math.round((seconds * 1000) / TOKEN_DELAY_MS);
  const scenario = `long-${tokens}+slow-${TOKEN_DELAY_MS}`;
  const slug = await createConfiguration(context.appUrl, context.token, context.simulatorUrl, scenario);
  const workers = Math.max(1, Math.ceil(streams / STREAMS_PER_WORKER));
  // Started over up to 5 s, as real clients arrive, not in one synchronous burst.
  const rampMs = Math.min(5_000, streams * 5);
  const baseline = rssMiB(context.appPid);
  const cpuBefore = cpuMs(context.appPid);
  const watcher = watchPeakRss(context.appPid);
  const started = performance.now();
  const probe = (async () => {
    if (probeRounds <= 0) return null;
    await new Promise((resolve) => setTimeout(resolve, rampMs + PROBE_SETTLE_MS));
    return measureTtft(context, 1, probeRounds, {
      openStreams: streams,
      until: started + seconds * 1000 - PROBE_MARGIN_MS,
    });
  })();
  const results = await Promise.all(
    Array.from({ length: workers }, (_, index) =>
      runWorker({
        appUrl: context.appUrl,
        simulatorUrl: context.simulatorUrl,
        token: context.token,
        slug,
        scenario,
        streams: Math.floor(streams / workers) + (index < streams % workers ? 1 : 0),
        controlStreams: CONTROL_STREAMS_PER_WORKER,
        tokens,
        delayMs: TOKEN_DELAY_MS,
        rampMs,
        label: `w${index}`,
      }),
    ),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const ttftWhileOpen = await probe;
  const peak = watcher.stop();
  const appGaps = mergeHistograms(results.map((result) => result.appAddedGap));
  const controlGaps = mergeHistograms(results.map((result) => result.controlAddedGap));
  const sum = (pick: (result: LoadWorkerResult) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  return {
    streams,
    seconds,
    tokensPerStream: tokens,
    rampMs,
    errors: sum((result) => result.errors),
    errorSamples: results.flatMap((result) => result.errorSamples).slice(0, 5),
    lostOrWrongText: sum((result) => result.lostOrWrongText),
    reordered: sum((result) => result.reordered),
    chunks: histogramCount(appGaps) + streams,
    addedGapMs: { p50: histogramPercentile(appGaps, 50), p99: histogramPercentile(appGaps, 99) },
    controlGapMs: {
      p50: histogramPercentile(controlGaps, 50),
      p99: histogramPercentile(controlGaps, 99),
      errors: sum((result) => result.controlErrors),
    },
    baselineRssMiB: baseline,
    peakRssMiB: peak,
    rssPerStreamKiB: ((peak - baseline) * 1024) / streams,
    appCpuSeconds: (cpuMs(context.appPid) - cpuBefore) / 1000,
    workers,
    workerCpuSeconds: sum((result) => result.cpuMs) / 1000,
    workerEventLoopDelayP99Ms: Math.max(...results.map((result) => result.eventLoopDelayP99Ms)),
    wallSeconds,
    ttftWhileOpen,
  };
}
