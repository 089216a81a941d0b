// What instances share in Redis about a run (all keys under the deployment's prefix):
//   run:<id>           hash: owner (instance id), user (who started it, "" for none), finished, settled
//   run:<id>:events    stream: one entry per event, id `0-<seq + 1>`, field `e` = the event's JSON
//   instance:<id>      present while that instance is alive (refreshed by its heartbeat)
//   instance:<id>:control   pub/sub channel: stop, attach and detach messages for its runs
import { z } from "zod";
import { AppError, errorMessage } from "@/lib/errors";
import type { RedisLink } from "@/lib/redis/connection";
import { runEventSchema, type RunEvent } from "@/lib/contracts/run-events";

export const INSTANCE_TTL_MS = 10_000;
export const INSTANCE_BEAT_MS = 3_000;
// A remote client re-announces itself this often; the owner forgets one silent for REMOTE_LEASE_MS.
export const REMOTE_BEAT_MS = 4_000;
export const REMOTE_LEASE_MS = 15_000;
// A live run's keys outlive a crashed owner by at most this long; each write renews it.
export const LIVE_TTL_MS = 60 * 60_000;

export const runKeys = (link: RedisLink, runId: string) => ({
  meta: link.key("run", runId),
  events: link.key("run", runId, "events"),
});
export const instanceKey = (link: RedisLink, instanceId: string) => link.key("instance", instanceId);
export const controlChannel = (link: RedisLink, instanceId: string) => link.key("instance", instanceId, "control");

/** The stream entry id of an event: sequence numbers start at 0, stream ids must exceed 0-0. */
export const entryId = (seq: number) => `0-${seq + 1}`;
export const seqOfEntry = (id: string) => Number(id.slice(id.indexOf("-") + 1)) - 1;

const controlMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("stop"), runId: z.string() }),
  z.object({ type: z.enum(["attach", "detach"]), runId: z.string(), clientId: z.string() }),
]);
export type ControlMessage = z.infer<typeof controlMessageSchema>;

// @redis/client types the XREAD reply as `any`: one { name, messages } per stream, null after a BLOCK timeout.
const streamReadReplySchema = z
  .array(z.object({ messages: z.array(z.object({ id: z.string(), message: z.object({ e: z.string().optional() }) })) }))
  .nullable();

/** The entries of an XREAD reply on one stream, oldest first; throws on a reply of another shape. */
export function streamReadEntries(reply: unknown): Array<{ id: string; text: string | undefined }> {
  const streams = streamReadReplySchema.parse(reply) ?? [];
  return (streams[0]?.messages ?? []).map((entry) => ({ id: entry.id, text: entry.message.e }));
}

/** An event read back from Redis; null when the entry is not one this app wrote. */
export function parseStoredEvent(text: string | undefined): RunEvent | null {
  if (text === undefined) return null;
  try {
    // Written by RedisRunMirror from a RunEvent; the schema guards against foreign entries.
    const parsed = runEventSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function parseControlMessage(text: string): ControlMessage | null {
  try {
    const parsed = controlMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Turns a failed Redis command into a 503 the caller can act on. */
export function unreachable(error: unknown): never {
  console.error("redis:", errorMessage(error));
  throw new AppError(
    "run_state_unavailable",
    "The shared run state (Redis) is unreachable, so a run streamed by another server instance cannot be resumed or stopped from here. Try again in a moment.",
  );
}
