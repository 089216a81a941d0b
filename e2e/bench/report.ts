// The printed table of the benchmark's results.
import type { CancelResult, ConcurrencyResult } from "./resilience";
import type { ThroughputResult, TtftResult } from "./speed";
import { fmt } from "./stats";

export type BenchResults = {
  startedAt: string;
  machine: { cpus: number; node: string };
  ttft: TtftResult[];
  throughput: ThroughputResult;
  cancellation: CancelResult[];
  concurrency: ConcurrencyResult | null;
  totalSeconds: number;
};

function table(title: string, header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join("  ");
  return [`\n${title}`, line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

export function renderReport(results: BenchResults): string {
  const parts: string[] = [];
  parts.push(
    table(
      "a. Added time to first token, ms (scenario fast-20; direct = fetch to the simulator, app = POST /api/stream to first `chunk`)",
      ["streams", "samples", "direct p50", "app p50", "app p95", "app p99", "added p50", "added p95", "added p99", "paired p50", "paired p99", "errors"],
      results.ttft.map((r) => [
        String(r.concurrency),
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
        String(r.errors),
      ]),
    ),
  );
  parts.push("  added pX = pX(app) − pX(direct) (distributions compared); paired = pX of (app − direct) paired by launch position in alternating rounds");
  const t = results.throughput;
  parts.push(
    table(
      `b. Relay throughput: one stream of ${t.tokens} tokens (fast-${t.tokens}), median of ${t.repeats}`,
      ["direct chunks/s", "app chunks/s", "app/direct", "app chunk events", "app CPU ms / 1000 chunks", "text intact"],
      [[fmt(t.directChunksPerSecond, 0), fmt(t.appChunksPerSecond, 0), `${fmt(t.ratio * 100, 0)}%`, String(t.appChunkEvents), fmt(t.appCpuMsPer1000Chunks), String(t.textIntact)]],
    ),
  );
  parts.push(
    table(
      "c. Cancellation latency, ms (stop/abort after the first chunk → simulator's disconnectedAt)",
      ["mode", "runs", "p50", "p95", "p99", "max", "not seen", "errors"],
      results.cancellation.map((c) => [c.mode === "stop" ? "POST stop" : "disconnect (grace 0)", String(c.runs), fmt(c.latencyMs.p50, 0), fmt(c.latencyMs.p95, 0), fmt(c.latencyMs.p99, 0), fmt(c.latencyMs.max, 0), String(c.notSeen), String(c.errors)]),
    ),
  );
  const c = results.concurrency;
  if (c) {
    parts.push(
      table(
        `d. Concurrency — SHORT form (not the issue's 60 s × 100/500/1000): ${c.streams} streams × ${c.tokensPerStream} tokens at ${c.tokenDelayMs} ms`,
        ["streams", "wall s", "errors", "lost/wrong text", "non-consecutive ids", "RSS before MiB", "peak RSS MiB", "KiB per stream"],
        [[String(c.streams), fmt(c.wallSeconds), String(c.errors), String(c.lostOrWrongText), String(c.nonConsecutiveIds), fmt(c.baselineRssMiB), fmt(c.peakRssMiB), fmt(c.rssPerStreamKiB, 0)]],
      ),
    );
  }
  parts.push(`\nmachine: ${results.machine.cpus} CPUs, Node ${results.machine.node}; total ${fmt(results.totalSeconds)} s`);
  return parts.join("\n");
}
