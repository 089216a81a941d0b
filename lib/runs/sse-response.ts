import type { LiveRun } from "@/lib/runs/live-run";
import { encodeSseEvent, isFinalEvent, SSE_PING } from "@/lib/runs/run-events";

/** What a client can attach to: a run in this instance's memory, or one relayed from another (RemoteRun). */
export type AttachableRun = Pick<LiveRun, "runId" | "attach">;

export const HEARTBEAT_MS = 15_000;

// no-transform: `next start` and proxies must not gzip (and so buffer) the stream.
export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
} as const;

/**
 * The SSE response of one client attached to a run from `fromSeq` on. It ends after the run's
 * final event; if the client goes away first, it detaches (the run's grace window starts).
 */
export function sseResponse(run: AttachableRun, fromSeq: number, clientSignal?: AbortSignal): Response {
  const encoder = new TextEncoder();
  let closed = false;
  let detach: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const cleanUp = () => {
    closed = true;
    clearInterval(heartbeat);
    detach?.();
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        cleanUp();
        try {
          controller.close();
        } catch {
          // Already closed by a disconnect.
        }
      };
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // A failed write means the client is gone: treat it as a disconnect.
          cleanUp();
        }
      };
      detach = run.attach(fromSeq, (seq, event) => {
        send(encodeSseEvent(run.runId, seq, event));
        if (isFinalEvent(event)) close();
      });
      if (closed) detach();
      heartbeat = setInterval(() => send(SSE_PING), HEARTBEAT_MS);
      clientSignal?.addEventListener("abort", cleanUp, { once: true });
    },
    cancel() {
      cleanUp();
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}
