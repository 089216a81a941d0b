// The printed tables of the benchmark's results, each with its target (issue 5, item 2).
import type { CancelResult } from "./cancellation";
import type { ConcurrencyResult } from "./concurrency";
import type { DatabaseCostResult } from "./database-cost";
import type { ThroughputResult, TtftResult } from "./speed";
import { fmt } from "./stats";

export type BenchResults = {
  profile: string;
  startedAt: string;
  machine: { cpus: number; node: string; loadAverage: number[] };
  ttft: TtftResult[];
  throughput: ThroughputResult | null;
  database: DatabaseCostResult[];
  cancellation: CancelResult[];
  concurrency: ConcurrencyResult[];
  totalSeconds: number;
};

function table(title: string, header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join("  ");
  return [`\n${title}`, line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join(
    "\n",
  );
}

function ttftTable(results: TtftResult[]): string {
  return table(
    "a. Added time to first token, ms (fast-20; direct = fetch to the simulator, app = POST /api/stream to the first `chunk`). Target at 100 streams: added p50 ≤ 2, p99 ≤ 10",
    [
      "streams",
      "samples",
      "direct p50",
      "app p50",
      "app p95",
      "app p99",
      "added p50",
      "added p95",
      "added p99",
      "paired p50",
      "paired p99",
      "app CPU ms/run",
      "errors",
    ],
    results.map((r) => [
      r.openStreams > 0 ? `${r.concurrency} + ${r.openStreams} open` : String(r.concurrency),
      String(r.samples),
      fmt(r.direct.p50),
      fmt(r.app.p50),
      fmt(r.app.p95),
      fmt(r.app.p99),
      fmt(r.addedByDistribution.p50),
      fmt(r.addedByDistribution.p95),
      fmt(r.addedByDistribution.p99),
      fmt(r.addedPaired.p50),
      fmt(r.addedPaired.p99),
      r.openStreams > 0 ? "—" : fmt(r.appCpuMsPerRun),
      String(r.errors),
    ]),
  );
}

function concurrencyTable(results: ConcurrencyResult[]): string {
  return table(
    "d. Concurrency: N streams at 20 tokens/s (gap = inter-chunk gap − 50 ms; control = direct streams alongside). Target at 1,000: 0 errors, 0 lost, peak RSS ≤ 1024 MiB",
    [
      "streams",
      "s",
      "errors",
      "lost",
      "reordered",
      "gap p50",
      "gap p99",
      "control p99",
      "RSS before",
      "peak RSS",
      "KiB/stream",
      "app CPU s",
      "client CPU s",
      "client loop p99",
    ],
    results.map((c) => [
      String(c.streams),
      fmt(c.wallSeconds, 0),
      String(c.errors),
      String(c.lostOrWrongText),
      String(c.reordered),
      fmt(c.addedGapMs.p50),
      fmt(c.addedGapMs.p99),
      fmt(c.controlGapMs.p99),
      fmt(c.baselineRssMiB, 0),
      fmt(c.peakRssMiB, 0),
      fmt(c.rssPerStreamKiB, 0),
      fmt(c.appCpuSeconds),
      fmt(c.workerCpuSeconds),
      fmt(c.workerEventLoopDelayP99Ms),
    ]),
  );
}

export function renderReport(results: BenchResults): string {
  const parts: string[] = [];
  const whileOpen = results.concurrency.flatMap((c) => c.ttftWhileOpen ?? []);
  if (results.ttft.length + whileOpen.length > 0) {
    parts.push(ttftTable([...results.ttft, ...whileOpen]));
    parts.push(
      "  added pX = pX(app) − pX(direct); paired = pX of (app − direct) paired by launch position in alternating rounds",
    );
    if (whileOpen.length > 0)
      parts.push(
        '  "1 + N open": one new stream at a time while the concurrency test (d) holds N streams at 20 tokens/s; its CPU column includes theirs',
      );
  }
  const t = results.throughput;
  if (t)
    parts.push(
      table(
        `b. Relay throughput: one stream of ${t.tokens} tokens (fast-${t.tokens}), median of ${t.repeats}. Target: app ≥ 50% of direct`,
        [
          "direct chunks/s",
          "app chunks/s",
          "app/direct",
          "app chunk events",
          "app CPU ms / 1000 chunks",
          "text intact",
        ],
        [
          [
            fmt(t.directChunksPerSecond, 0),
            fmt(t.appChunksPerSecond, 0),
            `${fmt(t.ratio * 100, 0)}%`,
            String(t.appChunkEvents),
            fmt(t.appCpuMsPer1000Chunks),
            String(t.textIntact),
          ],
        ],
      ),
    );
  if (results.cancellation.length > 0)
    parts.push(
      table(
        "c. Cancellation latency, ms (stop/abort after the first chunk → the simulator sees the upstream closed). Target: p99 ≤ 100",
        ["mode", "runs", "p50", "p95", "p99", "max", "not seen", "errors"],
        results.cancellation.map((c) => [
          c.mode === "stop" ? "POST stop" : "disconnect (grace 0)",
          String(c.runs),
          fmt(c.latencyMs.p50, 0),
          fmt(c.latencyMs.p95, 0),
          fmt(c.latencyMs.p99, 0),
          fmt(c.latencyMs.max, 0),
          String(c.notSeen),
          String(c.errors),
        ]),
      ),
    );
  if (results.concurrency.length > 0) {
    parts.push(concurrencyTable(results.concurrency));
    for (const c of results.concurrency) {
      if (c.errorSamples.length > 0)
        parts.push(`  errors at ${c.streams} streams, first ${c.errorSamples.length}: ${c.errorSamples.join(" | ")}`);
    }
  }
  if (results.database.length > 0)
    parts.push(
      table(
        "e. Database cost: SQL statements per prompt run, counted at the app's pg driver (auth, lookup, inserts, saves, final update). Target: ≤ 5",
        ["reply tokens", "runs", "statements / run", "errors"],
        results.database.map((d) => [
          String(d.replyTokens),
          String(d.runs),
          fmt(d.statementsPerRun, 2),
          String(d.errors),
        ]),
      ),
    );
  const load = results.machine.loadAverage.map((value) => fmt(value, 2)).join(" ");
  parts.push(
    `\nprofile ${results.profile}; machine: ${results.machine.cpus} CPUs, load average ${load}, Node ${results.machine.node}; total ${fmt(results.totalSeconds)} s`,
  );
  return parts.join("\n");
}
