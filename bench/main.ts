// `npm run bench [-- --quick | --full]`: builds the app if needed, starts PostgreSQL + the
// simulator (own process) + the production app (one process, STREAM_RESUME_GRACE_MS=0) on ports
// 3600/4610, measures (see bench/README.md), prints a table and writes bench/results/latest.json.
// Always stops everything and drops the database.
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp, buildIsStale } from "../lib/boot/build";
import { REPO_ROOT } from "../lib/testing/database";
import { startAppStack, waitForApp, type AppStack } from "../e2e/support/app-stack";
import { measureCancellation } from "./cancellation";
import { createApiToken } from "./client";
import { measureConcurrency } from "./concurrency";
import { measureDatabaseCost } from "./database-cost";
import { pidListeningOn } from "./proc";
import { profileFromArgs } from "./profiles";
import { renderReport, type BenchResults } from "./report";
import { measureThroughput, measureTtft, type BenchContext } from "./speed";

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? "3600");
const SIMULATOR_PORT = Number(process.env.BENCH_SIMULATOR_PORT ?? "4610");
const TIME_LIMIT_MS = 40 * 60_000;
const RESULTS_DIR = path.join(REPO_ROOT, "bench/results");
const log = (message: string): void => console.log(`[bench] ${message}`);

let stack: AppStack | null = null;

async function finish(code: number): Promise<never> {
  await stack?.stop().catch(() => undefined);
  process.exit(code);
}

async function run(): Promise<void> {
  const { profile, parts } = profileFromArgs(process.argv.slice(2));
  const started = performance.now();
  log(`profile: ${profile.name}; measuring ${[...parts].join(", ")}`);
  if (buildIsStale(REPO_ROOT)) {
    log("building the app (no build, or the sources changed)…");
    if (!buildApp()) throw new Error("`next build` failed");
  } else {
    log("the production build is up to date");
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const appLog = createWriteStream(path.join(RESULTS_DIR, "app.log"));
  await new Promise((resolve) => appLog.once("open", resolve));
  const sqlCountFile = path.join(RESULTS_DIR, `.sql-count-${process.pid}.json`);
  stack = await startAppStack({
    appPort: APP_PORT,
    simulatorPort: SIMULATOR_PORT,
    simulatorMode: "child",
    graceMs: 0,
    prefix: "llmm_e2e",
    log,
    appStdio: ["ignore", appLog, appLog],
    appEnv: { BENCH_SQL_COUNT_FILE: sqlCountFile },
  });
  await waitForApp(stack);
  const appPid = pidListeningOn(APP_PORT);
  log(`app on ${stack.appUrl} (server pid ${appPid}; its output: bench/results/app.log)`);
  const context: BenchContext = {
    appUrl: stack.appUrl,
    simulatorUrl: stack.simulatorUrl,
    token: await createApiToken(stack.appUrl),
    appPid,
    sqlCountFile,
  };

  const ttft = [];
  for (const [concurrency, rounds] of parts.has("ttft") ? profile.ttft : []) {
    log(`time to first token at ${concurrency} concurrent stream(s), ${rounds} rounds…`);
    ttft.push(await measureTtft(context, concurrency, rounds));
  }
  let throughput = null;
  if (parts.has("throughput")) {
    log("relay throughput…");
    throughput = await measureThroughput(context, profile.throughputRepeats);
  }
  const database = [];
  if (parts.has("database")) {
    log("database cost…");
    database.push(
      await measureDatabaseCost(context, 10, profile.databaseRuns),
      await measureDatabaseCost(context, 5_000, profile.databaseRuns),
    );
  }
  const cancellation = [];
  for (const mode of parts.has("cancellation") ? (["stop", "disconnect"] as const) : []) {
    log(`cancellation: ${mode === "stop" ? "explicit stop" : "client disconnect"}, ${profile.cancellationRuns} runs…`);
    cancellation.push(await measureCancellation(context, mode, profile.cancellationRuns, 10));
  }
  const concurrency = [];
  for (const streams of parts.has("concurrency") ? profile.concurrencyLevels : []) {
    log(`concurrency: ${streams} streams at 20 tokens/s for ${profile.concurrencySeconds} s…`);
    concurrency.push(await measureConcurrency(context, streams, profile.concurrencySeconds, profile.probeRounds));
  }

  const results: BenchResults = {
    profile: profile.name,
    startedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
    ttft,
    throughput,
    database,
    cancellation,
    concurrency,
    totalSeconds: (performance.now() - started) / 1000,
  };
  console.log(renderReport(results));
  writeFileSync(path.join(RESULTS_DIR, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  log("results written to bench/results/latest.json");
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
