import { randomUUID } from "node:crypto";
import type { Redis, RedisLink } from "@/lib/redis/connection";
import type { LiveRun } from "@/lib/runs/live-run";
import {
  controlChannel,
  INSTANCE_BEAT_MS,
  INSTANCE_TTL_MS,
  instanceKey,
  parseControlMessage,
  REMOTE_LEASE_MS,
  runKeys,
  type ControlMessage,
  unreachable,
} from "@/lib/runs/redis-run-protocol";
import { RedisRunMirror } from "@/lib/runs/redis-run-mirror";
import { RemoteRun } from "@/lib/runs/remote-run";
import type { RunStore } from "@/lib/runs/run-store";

type RemoteClient = { detach: () => void; lease: NodeJS.Timeout };

/**
 * Run state shared by several instances through Redis. The instance that runs the provider
 * request owns the run and keeps it in memory (its own clients never wait on Redis); every event
 * is copied to a Redis stream, and the owner takes stop/attach/detach messages on its channel. Any
 * other instance finds the run there, relays its stream and forwards a stop.
 */
export class RedisRunStore implements RunStore {
  readonly instanceId = randomUUID();
  private readonly remoteClients = new Map<string, RemoteClient>();
  private heartbeat: NodeJS.Timeout | undefined;
  private subscriber: Redis | undefined;

  constructor(
    private readonly link: RedisLink,
    private readonly local: RunStore,
    private readonly lingerMs: number,
    private readonly onOwnerLost: (runId: string) => Promise<void>,
  ) {}

  /** Announces this instance (heartbeat key) and listens for messages about its runs. */
  async start(): Promise<void> {
    const beat = () =>
      void this.link.client
        .set(instanceKey(this.link, this.instanceId), String(Date.now()), { PX: INSTANCE_TTL_MS })
        .catch(() => undefined);
    this.heartbeat = setInterval(beat, INSTANCE_BEAT_MS);
    this.heartbeat.unref();
    await this.link.connect();
    beat();
    this.subscriber = await this.link.duplicate("control channel");
    // node-redis subscribes again by itself after a reconnect.
    await this.subscriber.subscribe(controlChannel(this.link, this.instanceId), (text) => {
      const message = parseControlMessage(text);
      if (message) this.handle(message);
    });
  }

  /** Stops the heartbeat and removes this instance's key, so others see its runs as lost at once. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const client of this.remoteClients.values()) clearTimeout(client.lease);
    this.remoteClients.clear();
    // Closing the connection ends the subscription (an UNSUBSCRIBE could wait on a dead link).
    if (this.subscriber?.isOpen) this.subscriber.destroy();
    this.subscriber = undefined;
    await this.link.client.del(instanceKey(this.link, this.instanceId)).catch(() => undefined);
  }

  add(run: LiveRun): void {
    this.local.add(run);
    run.observe(new RedisRunMirror(this.link, run, this.instanceId, this.lingerMs).push);
  }

  get(runId: string): LiveRun | undefined {
    return this.local.get(runId);
  }

  async findElsewhere(runId: string): Promise<RemoteRun | null> {
    const { meta, events } = runKeys(this.link, runId);
    const [fields, eventCount] = await Promise.all([
      this.link.client.hGetAll(meta),
      this.link.client.xLen(events),
    ]).catch(unreachable);
    const owner = fields.owner;
    // Our own runs are in memory; one that is not has ended and left it.
    if (!owner || owner === this.instanceId) return null;
    const ownerAlive = (await this.link.client.exists(instanceKey(this.link, owner)).catch(unreachable)) === 1;
    const user = Number(fields.user);
    return new RemoteRun(
      this.link,
      {
        runId,
        ownerInstanceId: owner,
        ownerUserId: fields.user && Number.isInteger(user) ? user : null,
        finished: fields.finished === "1",
        settled: fields.settled === "1",
        eventCount,
        ownerAlive,
      },
      this.onOwnerLost,
    );
  }

  /** Run ids (of those given) that a live instance is streaming now (this one counts as live). */
  async ownedByLiveInstances(runIds: string[]): Promise<Set<string>> {
    // Sent together (node-redis pipelines concurrent commands), and each owner is asked about once.
    const metas = await Promise.all(
      runIds.map((runId) => this.link.client.hmGet(runKeys(this.link, runId).meta, ["owner", "finished"])),
    );
    const ownerOf = metas.map(([owner, finished]) => (owner && finished !== "1" ? owner : null));
    const others = [...new Set(ownerOf)].filter(
      (owner): owner is string => owner !== null && owner !== this.instanceId,
    );
    const answers = await Promise.all(others.map((owner) => this.link.client.exists(instanceKey(this.link, owner))));
    const alive = new Set([this.instanceId, ...others.filter((_owner, index) => answers[index] === 1)]);
    return new Set(runIds.filter((_runId, index) => alive.has(ownerOf[index] ?? "")));
  }

  private handle(message: ControlMessage): void {
    const run = this.local.get(message.runId);
    if (message.type === "stop") {
      run?.abort("stop");
      return;
    }
    const key = `${message.runId}/${message.clientId}`;
    const known = this.remoteClients.get(key);
    if (known) clearTimeout(known.lease);
    if (message.type === "detach" || !run || run.finished) {
      known?.detach();
      this.remoteClients.delete(key);
      return;
    }
    // A remote client holds the run like a local one: a listener that needs no events here.
    const detach = known?.detach ?? run.attach(Number.MAX_SAFE_INTEGER, () => undefined);
    const lease = setTimeout(() => {
      this.remoteClients.delete(key);
      detach();
    }, REMOTE_LEASE_MS);
    lease.unref();
    this.remoteClients.set(key, { detach, lease });
  }
}
