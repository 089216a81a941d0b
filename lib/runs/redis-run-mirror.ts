import type { RedisLink } from "@/lib/redis/connection";
import type { LiveRun } from "@/lib/runs/live-run";
import { entryId, INSTANCE_TTL_MS, instanceKey, LIVE_TTL_MS, runKeys } from "@/lib/runs/redis-run-protocol";
import { errorMessage } from "@/lib/errors";
import type { RunEvent } from "@/lib/contracts/run-events";
import { isFinalEvent } from "@/lib/runs/run-events";

/**
 * Copies a run's events into its Redis stream for the other instances. Events are collected and
 * written once per event-loop turn in one MULTI, so a fast stream costs a few round trips, not one
 * per token. A failed write is logged and dropped: the owner's own clients never wait on Redis,
 * and a remote reader notices the gap.
 */
export class RedisRunMirror {
  private pending: Array<[number, RunEvent]> = [];
  private scheduled = false;
  private announced = false;
  private readonly keys: { meta: string; events: string };

  constructor(
    private readonly link: RedisLink,
    private readonly run: LiveRun,
    private readonly instanceId: string,
    private readonly lingerMs: number,
  ) {
    this.keys = runKeys(link, run.runId);
  }

  readonly push = (seq: number, event: RunEvent): void => {
    this.pending.push([seq, event]);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  };

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    const { meta, events } = this.keys;
    const multi = this.link.client.multi();
    if (!this.announced) {
      // With the owner's heartbeat key, so no reader ever sees a run whose owner seems gone.
      multi.set(instanceKey(this.link, this.instanceId), String(Date.now()), { PX: INSTANCE_TTL_MS });
      multi.hSet(meta, {
        owner: this.instanceId,
        user: this.run.ownerUserId === null ? "" : String(this.run.ownerUserId),
      });
    }
    for (const [seq, event] of batch) multi.xAdd(events, entryId(seq), { e: JSON.stringify(event) });
    const finished = batch.some(([, event]) => isFinalEvent(event));
    if (finished) multi.hSet(meta, "finished", "1");
    const ttl = finished ? this.lingerMs : LIVE_TTL_MS;
    multi.pExpire(meta, ttl).pExpire(events, ttl);
    multi.exec().then(
      () => (this.announced = true),
      (error: unknown) => logOnce(`run ${this.run.runId}: copying events to redis failed`, error),
    );
    if (finished)
      void this.run
        .whenSettled()
        .then(() =>
          this.link.client
            .hSet(meta, "settled", "1")
            .catch((error: unknown) => logOnce(`run ${this.run.runId}: redis`, error)),
        );
  }
}

let lastLogAt = 0;
// A Redis outage would otherwise log once per event-loop turn of every run.
function logOnce(context: string, error: unknown): void {
  if (Date.now() - lastLogAt < 10_000) return;
  lastLogAt = Date.now();
  console.error(`${context}:`, errorMessage(error));
}
