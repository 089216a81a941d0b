// `npm run bench`: builds the app if needed, starts PostgreSQL + the simulator (own process) + the
// production app (STREAM_RESUME_GRACE_MS=0) on ports 3600/4610, measures, prints a table and
// writes .test-reports/bench.json. Always stops everything and drops the database.
import { mkdirSync, writeFileSync, createWriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp, buildIsStale } from "../../lib/boot/build";
import { REPO_ROOT } from "../../lib/testing/database";
import { startAppStack, waitForApp, type AppStack } from "../support/app-stack";
import { createApiToken } from "./client";
import { pidListeningOn } from "./proc";
import { renderReport, type BenchResults } from "./report";
import { measureCancellation, measureConcurrency } from "./resilience";
import { measureThroughput, measureTtft, type BenchContext } from "./speed";

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? "3600");
const SIMULATOR_PORT = Number(process.env.BENCH_SIMULATOR_PORT ?? "4610");
const TIME_LIMIT_MS = 15 * 60_000;
const REPORT_DIR = path.join(REPO_ROOT, ".test-reports");
const log = (message: string): void => console.log(`[bench] ${message}`);

let stack: AppStack | null = null;

async function finish(code: number): Promise<never> {
  await stack?.stop().catch(() => undefined);
  process.exit(code);
}

async function run(): Promise<void> {
  const started = performance.now();
  if (buildIsStale(REPO_ROOT)) {
    log("building the app (no build, or the sources changed)…");
    if (!buildApp()) throw new Error("`next build` failed");
  } else {
    log("the production build is up to date");
  }
  mkdirSync(REPORT_DIR, { recursive: true });
  const appLog = createWriteStream(path.join(REPORT_DIR, "bench-app.log"));
  await new Promise((resolve) => appLog.once("open", resolve));
  stack = await startAppStack({ appPort: APP_PORT, simulatorPort: SIMULATOR_PORT, simulatorMode: "child", graceMs: 0, prefix: "llmm_e2e", log, appStdio: ["ignore", appLog, appLog] });
  await waitForApp(stack);
  const appPid = pidListeningOn(APP_PORT);
  log(`app on ${stack.appUrl} (server pid ${appPid}; its output: .test-reports/bench-app.log)`);
  const context: BenchContext = { appUrl: stack.appUrl, simulatorUrl: stack.simulatorUrl, token: await createApiToken(stack.appUrl), appPid };

  const ttft = [];
  for (const [concurrency, rounds] of [
    [1, 100],
    [10, 20],
    [100, 5],
  ] as const) {
    log(`time to first token at ${concurrency} concurrent stream(s)…`);
    ttft.push(await measureTtft(context, concurrency, rounds));
  }
  log("relay throughput…");
  const throughput = await measureThroughput(context, 3);
  log("cancellation: explicit stop…");
  const stop = await measureCancellation(context, "stop", 200, 10);
  log("cancellation: client disconnect…");
  const disconnect = await measureCancellation(context, "disconnect", 200, 10);
  log("short concurrency check (100 streams, ~10 s)…");
  const concurrency = await measureConcurrency(context, 100);

  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    ttft,
    throughput,
    cancellation: [stop, disconnect],
    concurrency,
    totalSeconds: (performance.now() - started) / 1000,
  };
  console.log(renderReport(results));
  writeFileSync(path.join(REPORT_DIR, "bench.json"), `${JSON.stringify(results, null, 2)}\n`);
  log("results written to .test-reports/bench.json");
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping…`);
    void finish(130);
  });
}
setTimeout(() => {
  console.error(`[bench] time limit of ${TIME_LIMIT_MS / 60_000} min reached; stopping`);
  void finish(1);
}, TIME_LIMIT_MS).unref();

run().then(
  () => finish(0),
  (error: unknown) => {
    console.error("[bench] failed:", error);
    return finish(1);
  },
);
