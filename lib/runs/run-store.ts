import type { LiveRun } from "@/lib/runs/live-run";

/** Where in-flight runs are found by id; one process's memory for now (Redis may hold it later). */
export interface RunStore {
  add(run: LiveRun): void;
  /** A live run, or a finished one still within its linger time. */
  get(runId: string): LiveRun | undefined;
}

// A finished run stays findable briefly, so a client that lost the last events can still get them.
export const FINISHED_RUN_LINGER_MS = 30_000;

class MemoryRunStore implements RunStore {
  private readonly runs = new Map<string, LiveRun>();

  add(run: LiveRun): void {
    this.prune();
    this.runs.set(run.runId, run);
  }

  get(runId: string): LiveRun | undefined {
    this.prune();
    return this.runs.get(runId);
  }

  // Pruned on use rather than by a timer per run: no timer outlives the runs it serves.
  private prune(): void {
    const cutoff = Date.now() - FINISHED_RUN_LINGER_MS;
    for (const [runId, run] of this.runs) {
      if (run.finishedAt !== null && run.finishedAt < cutoff) this.runs.delete(runId);
    }
  }
}

const globalForRuns = globalThis as unknown as { llmManagerRuns?: RunStore };

/** The process's run store. */
export function runStore(): RunStore {
  globalForRuns.llmManagerRuns ??= new MemoryRunStore();
  return globalForRuns.llmManagerRuns;
}
