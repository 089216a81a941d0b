import type { RunEvent } from "@/lib/contracts/run-events";
import { isRunId } from "@/lib/runs/run-id";

// Encoding of the events of lib/contracts/run-events.ts on the wire.

/** True for the events after which a run's stream ends. */
export function isFinalEvent(event: RunEvent): boolean {
  return event.type === "done" || event.type === "error";
}

/** One SSE event: `id: <runId>:<seq>` and one `data:` line (JSON never contains a raw newline). */
export function encodeSseEvent(runId: string, seq: number, event: RunEvent): string {
  return `id: ${runId}:${seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

export const SSE_PING = ": ping\n\n";

/** Parses a Last-Event-ID of the form `<runId>:<seq>`; null when it is not one of ours. */
export function parseLastEventId(value: string | null): { runId: string; seq: number } | null {
  const match = value ? /^([^:]{1,64}):(\d{1,9})$/.exec(value.trim()) : null;
  if (!match?.[1] || !match[2] || !isRunId(match[1])) return null;
  return { runId: match[1], seq: Number(match[2]) };
}
