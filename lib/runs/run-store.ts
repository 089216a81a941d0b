import type { LiveRun } from "@/lib/runs/live-run";

/** Where in-flight runs are found by id; one process's memory for now (Redis may hold it later). */
export interface RunStore {
  add(run: LiveRun): void;
  get(runId: string): LiveRun | undefined;
  remove(runId: string): void;
}

class MemoryRunStore implements RunStore {
  private readonly runs = new Map<string, LiveRun>();

  add(run: LiveRun): void {
    this.runs.set(run.runId, run);
  }

  get(runId: string): LiveRun | undefined {
    return this.runs.get(runId);
  }

  remove(runId: string): void {
    this.runs.delete(runId);
  }
}

const globalForRuns = globalThis as unknown as { llmManagerRuns?: RunStore };

/** The process's run store. */
export function runStore(): RunStore {
  globalForRuns.llmManagerRuns ??= new MemoryRunStore();
  return globalForRuns.llmManagerRuns;
}
