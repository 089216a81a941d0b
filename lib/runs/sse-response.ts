import type { LiveRun } from "@/lib/runs/live-run";
import { encodeSseEvent, isFinalEvent, SSE_PING } from "@/lib/runs/run-events";

/** What a client can attach to: a run in this instance's memory, or one relayed from another (RemoteRun). */
export type AttachableRun = Pick<LiveRun, "runId" | "attach">;

export const HEARTBEAT_MS = 15_000;

// no-transform: `next start` and proxies must not gzip (and so buffer) the stream.
const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
} as const;

/**
 * The SSE response of one client attached to a run from `fromSeq` on. It ends after the run's
 * final event; if the client goes away first, it detaches (the run's grace window starts).
 *
 * Writes are coalesced: the first event of an event-loop turn is written at once (no added
 * latency), the others of the same turn leave together at its end, and while the client has not
 * read what was written (a slow reader) new events wait and go out as one write when it reads.
 */
export function sseResponse(run: AttachableRun, fromSeq: number, clientSignal?: AbortSignal): Response {
  const encoder = new TextEncoder();
  const pending: string[] = [];
  let closed = false;
  let batching = false;
  let waitingForReader = false;
  let detach: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let onPull = () => {};

  const cleanUp = () => {
    closed = true;
    pending.length = 0;
    clearInterval(heartbeat);
    detach?.();
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = () => {
        if (closed || pending.length === 0) return;
        const text = pending.length === 1 ? (pending[0] ?? "") : pending.join("");
        pending.length = 0;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // A failed write means the client is gone: treat it as a disconnect.
          cleanUp();
        }
      };
      const flush = () => {
        batching = false;
        if ((controller.desiredSize ?? 1) <= 0) waitingForReader = pending.length > 0;
        else write();
      };
      onPull = () => {
        waitingForReader = false;
        write();
      };
      const close = () => {
        if (closed) return;
        write();
        cleanUp();
        try {
          controller.close();
        } catch {
          // Already closed by a disconnect.
        }
      };
      const send = (text: string) => {
        if (closed) return;
        pending.push(text);
        if (batching || waitingForReader) return;
        flush();
        batching = true;
        setImmediate(flush);
      };
      detach = run.attach(fromSeq, (seq, event) => {
        send(encodeSseEvent(run.runId, seq, event));
        if (isFinalEvent(event)) close();
      });
      if (closed) detach();
      heartbeat = setInterval(() => send(SSE_PING), HEARTBEAT_MS);
      clientSignal?.addEventListener("abort", cleanUp, { once: true });
    },
    pull() {
      onPull();
    },
    cancel() {
      cleanUp();
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}
