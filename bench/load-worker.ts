// A load generator process for the concurrency measurement (run by concurrency.ts, never alone):
// `streams` app streams and `controlStreams` direct simulator streams of the same paced scenario,
// started over `rampMs`. Prints one JSON line (LoadWorkerResult) and exits. Its own CPU time and
// event-loop delay are reported, so a saturated client shows up instead of passing for app latency.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { longTokens } from "../lib/simulator/reply";
import { appStream, directStream, type StreamResult } from "./client";
import { addToHistogram, type Histogram } from "./histogram";

export type LoadWorkerInput = {
  appUrl: string;
  simulatorUrl: string;
  token: string;
  slug: string;
  scenario: string;
  streams: number;
  controlStreams: number;
  tokens: number;
  delayMs: number;
  rampMs: number;
  label: string;
};

export type LoadWorkerResult = {
  streams: number;
  errors: number;
  errorSamples: string[];
  lostOrWrongText: number;
  reordered: number;
  /** Inter-chunk gap − the simulator's pace, per chunk after the first. */
  appAddedGap: Histogram;
  controlAddedGap: Histogram;
  controlErrors: number;
  cpuMs: number;
  wallMs: number;
  eventLoopDelayP99Ms: number;
};

function consecutive(seqs: number[]): boolean {
  return seqs.every((seq, index) => index === 0 || seq === (seqs[index - 1] ?? Number.NaN) + 1);
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? "{}") as LoadWorkerInput;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const appGaps: Histogram = {};
  const controlGaps: Histogram = {};
  const gapRecorder = (histogram: Histogram) => {
    let last: number | null = null;
    return (at: number) => {
      if (last !== null) addToHistogram(histogram, at - last - input.delayMs);
      last = at;
    };
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const launch = async <T>(index: number, total: number, work: () => Promise<T>): Promise<T> => {
    await pause(total > 1 ? (input.rampMs * index) / total : 0);
    return work();
  };
  const prompt = (kind: string, index: number) =>
    `bench ${kind} ${input.label} ${index} ${Math.random().toString(36).slice(2, 8)}`;
  const app = Array.from({ length: input.streams }, (_, index) => {
    const text = prompt("load", index);
    return launch(index, input.streams, async () => ({
      text,
      result: await appStream(input.appUrl, input.token, input.slug, text, { onChunk: gapRecorder(appGaps) }),
    }));
  });
  const control = Array.from({ length: input.controlStreams }, (_, index) => {
    const text = prompt("control", index);
    return launch(index, input.controlStreams, async () => ({
      text,
      result: await directStream(input.simulatorUrl, input.scenario, text, { onChunk: gapRecorder(controlGaps) }),
    }));
  });
  const [appResults, controlResults] = await Promise.all([Promise.all(app), Promise.all(control)]);
  const cpu = process.cpuUsage(cpuBefore);
  loopDelay.disable();
  const failed = (result: StreamResult) => result.status !== 200 || result.errors.length > 0;
  const wrongText = ({ text, result }: { text: string; result: StreamResult }) =>
    result.text !== longTokens(text, input.tokens).join("");
  const output: LoadWorkerResult = {
    streams: input.streams,
    errors: appResults.filter(({ result }) => failed(result)).length,
    errorSamples: appResults
      .flatMap(({ result }) => (failed(result) ? [`${result.status} ${result.errors.join(",")}`] : []))
      .slice(0, 5),
    lostOrWrongText: appResults.filter(wrongText).length,
    reordered: appResults.filter(({ result }) => !consecutive(result.seqs)).length,
    appAddedGap: appGaps,
    controlAddedGap: controlGaps,
    controlErrors:
      controlResults.filter(({ result }) => failed(result)).length + controlResults.filter(wrongText).length,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - started,
    eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("[bench worker] failed:", error);
    process.exit(1);
  },
);
