import type { Database } from "@/lib/db/client";
import { abortInterruptedMessages, listStreamingRunIds } from "@/lib/db/interrupted-messages";
import { redisLink } from "@/lib/redis/connection";
import type { LiveRun } from "@/lib/runs/live-run";
import { INSTANCE_BEAT_MS } from "@/lib/runs/redis-run-protocol";
import { RedisRunStore } from "@/lib/runs/redis-run-store";
import type { RemoteRun } from "@/lib/runs/remote-run";
import { errorMessage } from "@/lib/errors";
import { processSingleton } from "@/lib/process-singleton";

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
  await abortInterruptedMessages({ runIds: [runId] }).catch((error: unknown) =>
    console.error(`run ${runId}: marking it aborted failed:`, error),
  );
}

// An instance that dies for good leaves its replies `streaming` (a restart would mark them). Every
// live instance looks for such replies this often, and only at replies older than the minimum
// age: a run that has just started may not have announced its owner in Redis yet.
const DEAD_OWNER_SWEEP_MS = 60_000;
const SWEEP_MIN_AGE_MS = 60_000;

/**
 * Marks `aborted` the replies left streaming by instances that are gone; the rest are left alone.
 * A reply counts as orphaned only if its owner is missing twice, `recheckMs` apart: longer than a
 * heartbeat, so an instance whose key lapsed during a Redis outage has announced itself again.
 */
export async function sweepDeadOwners(
  store: Pick<RedisRunStore, "ownedByLiveInstances">,
  { db, recheckMs = 2 * INSTANCE_BEAT_MS }: { db?: Database; recheckMs?: number } = {},
): Promise<number> {
  const ids = await listStreamingRunIds({ db, startedBefore: new Date(Date.now() - SWEEP_MIN_AGE_MS) });
  const live = await store.ownedByLiveInstances(ids);
  const orphaned = ids.filter((id) => !live.has(id));
  if (orphaned.length === 0) return 0;
  await new Promise((resolve) => setTimeout(resolve, recheckMs));
  const liveNow = await store.ownedByLiveInstances(orphaned);
  return abortInterruptedMessages({ db, runIds: orphaned.filter((id) => !liveNow.has(id)) });
}

/** The process's run store. */
export function runStore(): RunStore {
  return processSingleton("runStore", createRunStore);
}

function createRunStore(): RunStore {
  const link = redisLink();
  if (link) {
    const store = new RedisRunStore(link, new MemoryRunStore(), FINISHED_RUN_LINGER_MS, markOwnerLost);
    void store
      .start()
      .catch((error: unknown) => console.error("redis run store could not start:", errorMessage(error)));
    let sweeping = false;
    // Never while Redis is down: every reply would look ownerless, live ones on other instances too.
    const sweep = setInterval(() => {
      if (sweeping || !link.up) return;
      sweeping = true;
      sweepDeadOwners(store)
        .then(
          (count) =>
            count > 0 &&
            console.warn(
              `${count} repl${count === 1 ? "y" : "ies"} left streaming by a stopped instance marked aborted`,
            ),
        )
        .catch((error: unknown) => console.error("sweeping runs of stopped instances failed:", errorMessage(error)))
        .finally(() => (sweeping = false));
    }, DEAD_OWNER_SWEEP_MS);
    sweep.unref();
    return store;
  }
  return new MemoryRunStore();
}
