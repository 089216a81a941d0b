// How much each part of `npm run bench` measures: --quick (a smoke run, under 2 minutes with a
// fresh build), the default, and --full (the figures: 60 s × 100/500/1,000 streams).

export type BenchProfile = {
  name: "quick" | "standard" | "full";
  /** [concurrent streams, rounds] for added time to first token. */
  ttft: ReadonlyArray<readonly [number, number]>;
  throughputRepeats: number;
  /** Concurrent streams at 20 tokens/s, each level for `concurrencySeconds`. */
  concurrencyLevels: number[];
  concurrencySeconds: number;
  cancellationRuns: number;
  /** Runs per reply length for the SQL statement count. */
  databaseRuns: number;
};

const PROFILES: Record<BenchProfile["name"], BenchProfile> = {
  quick: { name: "quick", ttft: [[1, 30], [10, 5], [100, 2]], throughputRepeats: 1, concurrencyLevels: [100], concurrencySeconds: 10, cancellationRuns: 40, databaseRuns: 3 },
  standard: { name: "standard", ttft: [[1, 100], [10, 20], [100, 5]], throughputRepeats: 3, concurrencyLevels: [100, 500], concurrencySeconds: 20, cancellationRuns: 200, databaseRuns: 10 },
  full: { name: "full", ttft: [[1, 200], [10, 50], [100, 10]], throughputRepeats: 5, concurrencyLevels: [100, 500, 1000], concurrencySeconds: 60, cancellationRuns: 200, databaseRuns: 20 },
};

/** The profile named by the command line: --quick, --full, else the standard one. */
export function profileFromArgs(args: string[]): BenchProfile {
  if (args.includes("--quick")) return PROFILES.quick;
  if (args.includes("--full")) return PROFILES.full;
  return PROFILES.standard;
}
