import { randomUUID } from "node:crypto";
import type { Redis, RedisLink } from "@/lib/redis/connection";
import {
  controlChannel,
  instanceKey,
  parseStoredEvent,
  REMOTE_BEAT_MS,
  runKeys,
  seqOfEntry,
  streamReadEntries,
  type ControlMessage,
  unreachable,
} from "@/lib/runs/redis-run-protocol";
import { errorMessage } from "@/lib/errors";
import type { RunEvent } from "@/lib/contracts/run-events";
import { isFinalEvent } from "@/lib/runs/run-events";

type Listener = (seq: number, event: RunEvent) => void;

export type RemoteRunState = {
  runId: string;
  ownerInstanceId: string;
  ownerUserId: number | null;
  finished: boolean;
  settled: boolean;
  eventCount: number;
  ownerAlive: boolean;
};

const READ_BLOCK_MS = 2_000;
const SETTLE_POLL_MS = 50;

const LOST_OWNER: RunEvent = {
  type: "error",
  code: "internal",
  message:
    "The server instance streaming this reply stopped. What had arrived is saved; send the message again to get a full reply.",
};
const LOST_EVENTS: RunEvent = {
  type: "error",
  code: "internal",
  message:
    "Part of this reply could not be relayed between server instances. Reload the conversation to see the saved reply.",
};

/**
 * A run streamed by another instance, read from its Redis stream. A client attached here counts
 * toward the owner's grace window (attach, periodic re-attach, detach on the owner's channel),
 * and a stop is sent to the owner.
 */
export class RemoteRun {
  constructor(
    private readonly link: RedisLink,
    readonly state: RemoteRunState,
    private readonly onOwnerLost: (runId: string) => Promise<void>,
  ) {}

  get runId(): string {
    return this.state.runId;
  }

  /** Delivers the events from `fromSeq` on as they arrive in Redis; returns the detach function. */
  attach(fromSeq: number, listener: Listener): () => void {
    const clientId = randomUUID();
    let active = true;
    let reader: Redis | undefined;
    const announce = (type: "attach" | "detach") =>
      void this.send({ type, runId: this.runId, clientId }).catch(() => undefined);
    announce("attach");
    const beat = setInterval(() => announce("attach"), REMOTE_BEAT_MS);
    const deliver = (seq: number, event: RunEvent) => {
      if (active) listener(seq, event);
    };

    const relay = async () => {
      reader = await this.link.duplicate(`reader of run ${this.runId}`);
      if (!active) return;
      const { events } = runKeys(this.link, this.runId);
      let expected = fromSeq;
      // XREAD returns entries after the id given: the one before `fromSeq`.
      let lastId = `0-${fromSeq}`;
      while (active) {
        const reply = await reader.xRead({ key: events, id: lastId }, { COUNT: 500, BLOCK: READ_BLOCK_MS });
        const entries = streamReadEntries(reply);
        if (entries.length === 0) {
          if (!(await this.ownerAlive()) && active) {
            await this.onOwnerLost(this.runId);
            return deliver(expected, LOST_OWNER);
          }
          continue;
        }
        for (const entry of entries) {
          const event = parseStoredEvent(entry.text);
          if (!event || seqOfEntry(entry.id) !== expected) return deliver(expected, LOST_EVENTS);
          deliver(expected, event);
          if (isFinalEvent(event)) return;
          expected += 1;
          lastId = entry.id;
        }
      }
    };
    relay()
      .catch((error: unknown) => {
        if (!active) return;
        console.error(`run ${this.runId}: relaying from redis failed:`, errorMessage(error));
        deliver(fromSeq, LOST_EVENTS);
      })
      .finally(() => reader?.destroy());

    return () => {
      if (!active) return;
      active = false;
      clearInterval(beat);
      announce("detach");
      // Ends a blocked XREAD at once.
      reader?.destroy();
    };
  }

  /** Asks the owner to stop, then waits (up to `waitMs`) until it has saved the reply. */
  async stop(waitMs: number): Promise<"stopped" | "owner_lost"> {
    const receivers = await this.send({ type: "stop", runId: this.runId }).catch(unreachable);
    if (receivers === 0 && !(await this.ownerAlive())) {
      await this.onOwnerLost(this.runId);
      return "owner_lost";
    }
    const { meta } = runKeys(this.link, this.runId);
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if ((await this.link.client.hGet(meta, "settled")) === "1") break;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
    return "stopped";
  }

  private send(message: ControlMessage): Promise<number> {
    return this.link.client.publish(controlChannel(this.link, this.state.ownerInstanceId), JSON.stringify(message));
  }

  private async ownerAlive(): Promise<boolean> {
    return (await this.link.client.exists(instanceKey(this.link, this.state.ownerInstanceId))) === 1;
  }
}
