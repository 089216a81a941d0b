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
  /** Rounds of one new stream (app and direct) probed while each concurrency level is open. */
  probeRounds: number;
  cancellationRuns: number;
  /** Runs per reply length for the SQL statement count. */
  databaseRuns: number;
};

const PROFILES: Record<BenchProfile["name"], BenchProfile> = {
  quick: {
    name: "quick",
    ttft: [
      [1, 30],
      [10, 5],
      [100, 2],
    ],
    throughputRepeats: 1,
    concurrencyLevels: [100],
    concurrencySeconds: 10,
    probeRounds: 30,
    cancellationRuns: 40,
    databaseRuns: 3,
  },
  standard: {
    name: "standard",
    ttft: [
      [1, 100],
      [10, 20],
      [100, 5],
    ],
    throughputRepeats: 3,
    concurrencyLevels: [100, 500],
    concurrencySeconds: 20,
    probeRounds: 100,
    cancellationRuns: 200,
    databaseRuns: 10,
  },
  full: {
    name: "full",
    ttft: [
      [1, 200],
      [10, 50],
      [100, 10],
    ],
    throughputRepeats: 5,
    concurrencyLevels: [100, 500, 1000],
    concurrencySeconds: 60,
    probeRounds: 200,
    cancellationRuns: 200,
    databaseRuns: 20,
  },
};

const PARTS = ["ttft", "throughput", "database", "cancellation", "concurrency"] as const;
export type BenchPart = (typeof PARTS)[number];

function valueOf(args: string[], name: string): string | undefined {
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

/**
 * The run the command line asks for: --quick, --full, else the standard profile; `--only a,b`
 * measures only those parts; `--streams 1000` and `--seconds 20` override the concurrency levels.
 */
export function profileFromArgs(args: string[]): { profile: BenchProfile; parts: Set<BenchPart> } {
  const base = args.includes("--quick") ? PROFILES.quick : args.includes("--full") ? PROFILES.full : PROFILES.standard;
  const only = valueOf(args, "only")?.split(",");
  const unknown = only?.filter((part) => !(PARTS as readonly string[]).includes(part)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown part(s) ${unknown.join(", ")}; choose from ${PARTS.join(", ")}`);
  const streams = valueOf(args, "streams")?.split(",").map(Number);
  const seconds = Number(valueOf(args, "seconds") ?? base.concurrencySeconds);
  if (streams?.some((value) => !Number.isInteger(value) || value < 1) || !Number.isFinite(seconds) || seconds < 1)
    throw new Error("--streams takes whole numbers (1000 or 100,500) and --seconds a number ≥ 1");
  return {
    profile: { ...base, concurrencyLevels: streams ?? base.concurrencyLevels, concurrencySeconds: seconds },
    parts: new Set(only ? (only as BenchPart[]) : PARTS),
  };
}
