import { untilSteady } from "@/lib/testing/until";

// Leak checks of the integration tests: open sockets, timers and other handles by kind.

/** Node's active handles, counted by kind. */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** The counts once they stop moving (sockets closing, timers firing after the last run). */
export function settledResources(): Promise<Record<string, number>> {
  return untilSteady(activeResources, {
    key: (counts) => JSON.stringify(Object.entries(counts).sort(([left], [right]) => left.localeCompare(right))),
  });
}
