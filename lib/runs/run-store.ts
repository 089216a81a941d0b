import { abortInterruptedMessages } from "@/lib/db/interrupted-messages";
import { redisLink } from "@/lib/redis/connection";
import type { LiveRun } from "@/lib/runs/live-run";
import { RedisRunStore } from "@/lib/runs/redis-run-store";
import type { RemoteRun } from "@/lib/runs/remote-run";

/** Where in-flight runs are found by id: this process's memory, shared through Redis when REDIS_URL is set. */
export interface RunStore {
  add(run: LiveRun): void;
  /** A run this instance streams, or a finished one still within its linger time. */
  get(runId: string): LiveRun | undefined;
  /** A run another instance streams (or finished lately), to relay or stop; null when there is none. */
  findElsewhere(runId: string): Promise<RemoteRun | null>;
}

// A finished run stays findable briefly, so a client that lost the last events can still get them.
export const FINISHED_RUN_LINGER_MS = 30_000;

export class MemoryRunStore implements RunStore {
  private readonly runs = new Map<string, LiveRun>();

  add(run: LiveRun): void {
    this.prune();
    this.runs.set(run.runId, run);
  }

  get(runId: string): LiveRun | undefined {
    this.prune();
    return this.runs.get(runId);
  }

  findElsewhere(): Promise<RemoteRun | null> {
    return Promise.resolve(null);
  }

  // Pruned on use rather than by a timer per run: no timer outlives the runs it serves.
  private prune(): void {
    const cutoff = Date.now() - FINISHED_RUN_LINGER_MS;
    for (const [runId, run] of this.runs) {
      if (run.finishedAt !== null && run.finishedAt < cutoff) this.runs.delete(runId);
    }
  }
}

/** The instance streaming a run stopped: its reply is saved aborted, as a restart would. */
export async function markOwnerLost(runId: string): Promise<void> {
  await abortInterruptedMessages({ ids: [Number(runId)] }).catch((error: unknown) => console.error(`run ${runId}: marking it aborted failed:`, error));
}

const globalForRuns = globalThis as unknown as { llmManagerRuns?: RunStore };

/** The process's run store. */
export function runStore(): RunStore {
  if (!globalForRuns.llmManagerRuns) {
    const link = redisLink();
    if (link) {
      const store = new RedisRunStore(link, new MemoryRunStore(), FINISHED_RUN_LINGER_MS, markOwnerLost);
      void store.start().catch((error: unknown) => console.error("redis run store could not start:", error instanceof Error ? error.message : error));
      globalForRuns.llmManagerRuns = store;
    } else {
      globalForRuns.llmManagerRuns = new MemoryRunStore();
    }
  }
  return globalForRuns.llmManagerRuns;
}
