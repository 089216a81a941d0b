// e. Database cost: SQL statements per run, counted at the app's pg driver (BENCH_SQL_COUNT_FILE,
// lib/db/statement-counter.ts): every statement of the request — authentication, configuration
// lookup, the run's inserts, periodic saves and the final update — for short and long replies.
import { readFileSync, rmSync } from "node:fs";
import { appStream, createConfiguration } from "./client";
import type { BenchContext } from "./speed";

export type DatabaseCostResult = { replyTokens: number; runs: number; statementsPerRun: number; errors: number };

async function statementCount(context: BenchContext): Promise<number> {
  rmSync(context.sqlCountFile, { force: true });
  process.kill(context.appPid, "SIGUSR2");
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    try {
      return (JSON.parse(readFileSync(context.sqlCountFile, "utf8")) as { statements: number }).statements;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error("the app did not report its statement count (is BENCH_SQL_COUNT_FILE set?)");
}

/** Waits until the count stops moving: a run's final update lands just after its `done` event. */
async function settledCount(context: BenchContext): Promise<number> {
  let previous = await statementCount(context);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const current = await statementCount(context);
    if (current === previous) return current;
    previous = current;
  }
}

/** `runs` prompt runs one after another with a `replyTokens` reply; statements per run. */
export async function measureDatabaseCost(
  context: BenchContext,
  replyTokens: number,
  runs: number,
): Promise<DatabaseCostResult> {
  const slug = await createConfiguration(context.appUrl, context.token, context.simulatorUrl, `fast-${replyTokens}`);
  await appStream(context.appUrl, context.token, slug, "bench database warm-up");
  const before = await settledCount(context);
  if (before === 0) throw new Error("the statement counter saw no statement: the app's pg pool is not the counted one");
  let errors = 0;
  for (let index = 0; index < runs; index += 1) {
    const result = await appStream(context.appUrl, context.token, slug, `bench database ${replyTokens} ${index}`);
    if (result.status !== 200 || result.errors.length > 0 || result.chunks === 0) errors += 1;
  }
  const after = await settledCount(context);
  return { replyTokens, runs, statementsPerRun: (after - before) / runs, errors };
}
