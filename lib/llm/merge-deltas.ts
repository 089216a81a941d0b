import type { LlmEvent } from "@/lib/llm/types";

type DeltaKind = "text-delta" | "reasoning-delta";

/**
 * Joins neighbouring deltas of the same kind (text with text, reasoning with reasoning) and
 * keeps every other event where it was: the events of one network read become one chunk for
 * the client, with the same text in the same order.
 */
export function mergeDeltas(events: LlmEvent[]): LlmEvent[] {
  if (events.length < 2) return events;
  const merged: LlmEvent[] = [];
  let kind: DeltaKind | null = null;
  let parts: string[] = [];
  const close = () => {
    if (kind !== null && parts.length > 0) merged.push({ type: kind, text: parts.join("") });
    kind = null;
    parts = [];
  };
  for (const event of events) {
    if (event.type === "text-delta" || event.type === "reasoning-delta") {
      if (event.type !== kind) close();
      kind = event.type;
      parts.push(event.text);
    } else {
      close();
      merged.push(event);
    }
  }
  close();
  return merged;
}
