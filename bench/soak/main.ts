// `npm run soak -- --runs 10000 [--concurrency 8] [--crash-streams 50]`: the production app on a
// fresh database with the simulator (own process) takes N mixed runs (complete, dropped or stopped
// by the client, provider errors) over every provider format, then a SIGKILL during live streams
// and a restart, then secrets are looked for in responses, the app's output and the audit log.
// Every check lands in .test-reports/soak.json ({passed, failed, checks, figures}), which
// `npm test` counts; the exit code is non-zero when a check failed.
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp, buildIsStale } from "../../lib/boot/build";
import { REPO_ROOT } from "../../lib/testing/database";
import { createApiToken } from "../client";
import { pidListeningOn } from "../proc";
import { startAppStack, waitForApp, type AppStack } from "../../e2e/support/app-stack";
import { crashTest, type Check } from "./crash";
import { runMixed, secondHalfGrowth, type MixedRun } from "./mixed-runs";
import { conversationShape, savedRuns, waitUntilNoneStreaming } from "./records";
import { secretsCheck } from "./secrets";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "8" },
    "crash-streams": { type: "string", default: "50" },
  },
});
const RUNS = Number(values.runs);
const CONCURRENCY = Number(values.concurrency);
const CRASH_STREAMS = Number(values["crash-streams"]);
const APP_PORT = Number(process.env.SOAK_APP_PORT ?? process.env.E2E_PORT ?? "3700");
const SIMULATOR_PORT = Number(process.env.SOAK_SIMULATOR_PORT ?? process.env.E2E_SIMULATOR_PORT ?? "4710");
const MAX_RSS_GROWTH = 0.1;
// The server's heap grows into its working size over the first few thousand runs (finished runs
// stay in memory 30 s for late reconnects; the 10,000-run soak: 240 MiB at the start, then 357 →
// 359 over the second half), so a shorter soak reports RSS without a verdict rather than
// mistaking warm-up for a leak.
const MIN_RUNS_FOR_RSS_VERDICT = 5000;
const TIME_LIMIT_MS = 60 * 60_000;
const REPORT_DIR = path.join(REPO_ROOT, ".test-reports");
const log = (message: string): void => console.log(`[soak] ${message}`);

let stack: AppStack | null = null;
const checks: Check[] = [];
const figures: Record<string, number> = {};

/** What a run's saved reply must say, by how the run went for its client (a stop may land after the reply ended on a busy machine). */
function expectedStatus(run: MixedRun): string {
  if (run.kind === "stopped") return run.stream.finishReason === "aborted" ? "aborted" : "complete";
  return { complete: "complete", dropped: "aborted", error: "error" }[run.kind];
}

function clientProblem(run: MixedRun): string | null {
  const { stream, kind } = run;
  if (stream.runId === null) return `run ${run.index} (${kind}): no start event (${stream.errorCode ?? "?"})`;
  if (kind === "complete" && stream.final !== "done")
    return `run ${run.index}: ${stream.final ?? "no final event"} ${stream.errorCode ?? ""}`;
  if (kind === "error" && (stream.final !== "error" || stream.text.length === 0))
    return `run ${run.index}: expected an error after partial text, got ${stream.final}`;
  if (kind === "stopped" && (stream.final !== "done" || run.stopStatus !== 200))
    return `run ${run.index}: stop answered ${run.stopStatus}, stream ended ${stream.final}`;
  if (kind === "dropped" && stream.broken) return `run ${run.index}: the connection broke before the client dropped it`;
  return null;
}

async function mixedChecks(appUrl: string, simulatorUrl: string, databaseUrl: string, token: string): Promise<void> {
  const serverPid = pidListeningOn(APP_PORT);
  log(`${RUNS} mixed runs, ${CONCURRENCY} at a time (server pid ${serverPid})…`);
  const { results, rss, seconds } = await runMixed({
    appUrl,
    simulatorUrl,
    token,
    runs: RUNS,
    concurrency: CONCURRENCY,
    serverPid,
    log,
  });
  figures.runs = results.length;
  figures.runSeconds = Math.round(seconds);
  figures.runsPerSecond = Math.round((results.length / seconds) * 10) / 10;

  const clientProblems = results.flatMap((run) => clientProblem(run) ?? []);
  checks.push({
    name: "mixed: every client saw the end its run should have",
    ok: clientProblems.length === 0,
    detail: clientProblems.slice(0, 5).join("; ") || `${results.length} runs`,
  });

  const leftStreaming = await waitUntilNoneStreaming(databaseUrl, 30_000);
  const saved = await savedRuns(
    databaseUrl,
    results.flatMap((run) => (run.stream.runId === null ? [] : [run.stream.runId])),
  );
  const recordProblems = results.flatMap((run) => {
    const message = run.stream.runId === null ? undefined : saved.get(run.stream.runId);
    if (!message) return [`run ${run.index}: no saved reply`];
    if (message.status !== expectedStatus(run)) return [`run ${run.index} (${run.kind}): saved ${message.status}`];
    if (message.finishedAt === null) return [`run ${run.index}: no finish time`];
    // Runs cut short keep exactly what their client was sent before it left (or more: the dropped run went on until the server noticed).
    if (
      run.kind === "complete" || run.kind === "error"
        ? message.content !== run.stream.text
        : !message.content.startsWith(run.stream.text)
    )
      return [`run ${run.index} (${run.kind}): saved text differs from the streamed text`];
    return [];
  });
  figures.stopsAfterTheEnd = results.filter(
    (run) => run.kind === "stopped" && run.stream.finishReason !== "aborted",
  ).length;
  checks.push({
    name: "mixed: every run saved with its final status and the text its client saw",
    ok: recordProblems.length === 0,
    detail: recordProblems.slice(0, 5).join("; ") || `${saved.size} replies`,
  });

  const shape = await conversationShape(databaseUrl);
  Object.assign(figures, { conversations: shape.conversations, leftStreaming });
  checks.push({
    name: "mixed: every conversation has its user and assistant message",
    ok: shape.malformed === 0 && shape.conversations >= results.length,
    detail: `${shape.conversations} conversations, ${shape.malformed} malformed`,
  });
  checks.push({
    name: "mixed: no reply left streaming",
    ok: shape.streaming === 0,
    detail: `${shape.streaming} streaming`,
  });
  checks.push({
    name: "mixed: usage is never a fake 0",
    ok: shape.fakeZeroUsage === 0,
    detail: `${shape.fakeZeroUsage} replies with 0 or no tokens beside real text`,
  });

  const growth = secondHalfGrowth(rss);
  Object.assign(figures, {
    rssStartMiB: Math.round(rss[0]?.mib ?? 0),
    rssMiddleMiB: Math.round(growth.middleMiB),
    rssEndMiB: Math.round(growth.endMiB),
    rssSecondHalfGrowthPercent: Math.round(growth.growth * 1000) / 10,
  });
  const rssDetail = `${growth.middleMiB.toFixed(0)} → ${growth.endMiB.toFixed(0)} MiB (${(growth.growth * 100).toFixed(1)}%)`;
  if (results.length >= MIN_RUNS_FOR_RSS_VERDICT)
    checks.push({
      name: `mixed: server RSS grows under ${MAX_RSS_GROWTH * 100}% over the second half`,
      ok: growth.growth < MAX_RSS_GROWTH,
      detail: rssDetail,
    });
  else
    log(
      `server RSS over the second half: ${rssDetail} — no verdict under ${MIN_RUNS_FOR_RSS_VERDICT} runs (the heap is still warming up)`,
    );
}

async function run(): Promise<void> {
  if (buildIsStale(REPO_ROOT)) {
    log("building the app (no build, or the sources changed)…");
    if (!buildApp()) throw new Error("`next build` failed");
  }
  mkdirSync(REPORT_DIR, { recursive: true });
  const appLogPath = path.join(REPORT_DIR, "soak-app.log");
  const appLog = createWriteStream(appLogPath);
  await new Promise((resolve) => appLog.once("open", resolve));
  stack = await startAppStack({
    appPort: APP_PORT,
    simulatorPort: SIMULATOR_PORT,
    simulatorMode: "child",
    graceMs: 0,
    prefix: "llmm_e2e",
    log,
    appStdio: ["ignore", appLog, appLog],
  });
  await waitForApp(stack);
  log(`app on ${stack.appUrl} (its output: .test-reports/soak-app.log)`);
  const token = await createApiToken(stack.appUrl);
  await mixedChecks(stack.appUrl, stack.simulatorUrl, stack.databaseUrl, token);
  log(`crash test: SIGKILL during ${CRASH_STREAMS} live streams…`);
  const crash = await crashTest({ stack, appPort: APP_PORT, token, streams: CRASH_STREAMS, log });
  checks.push(...crash.checks);
  Object.assign(figures, crash.figures);
  log("secrets: keys, token and password through every path, then the responses, the app's output and the audit log…");
  checks.push(
    ...(await secretsCheck({
      appUrl: stack.appUrl,
      simulatorUrl: stack.simulatorUrl,
      databaseUrl: stack.databaseUrl,
      token,
      appLogPath,
    })),
  );
}

function report(error: unknown): number {
  if (error)
    checks.push({
      name: "soak ran to the end",
      ok: false,
      detail: error instanceof Error ? error.message : String(error),
    });
  const failed = checks.filter((check) => !check.ok).length;
  for (const check of checks) log(`${check.ok ? "ok  " : "FAIL"} ${check.name} — ${check.detail}`);
  log(`figures: ${JSON.stringify(figures)}`);
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(
    path.join(REPORT_DIR, "soak.json"),
    `${JSON.stringify({ runs: RUNS, passed: checks.length - failed, failed, checks, figures }, null, 2)}\n`,
  );
  return failed > 0 || checks.length === 0 ? 1 : 0;
}

async function finish(code: number): Promise<never> {
  await stack?.stop().catch(() => undefined);
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => void finish(report(new Error(`interrupted by ${signal}`)) || 130));
}
setTimeout(
  () => void finish(report(new Error(`time limit of ${TIME_LIMIT_MS / 60_000} min reached`))),
  TIME_LIMIT_MS,
).unref();

run().then(
  () => finish(report(null)),
  (error: unknown) => {
    console.error("[soak] failed:", error);
    return finish(report(error));
  },
);
