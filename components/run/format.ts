// Number formats of the status bar: fixed shapes, so values change without the layout moving.

export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatSeconds(ms: number | null): string {
  return ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : rate.toFixed(1);
}

export function formatCount(count: number | null): string {
  return count === null ? "—" : count.toLocaleString();
}

const FINISH_REASONS: Record<string, string> = {
  stop: "the model finished its reply",
  length: "the reply hit the max tokens limit",
  stop_sequence: "a stop sequence ended the reply",
  content_filter: "the provider's content filter ended the reply",
  tool_calls: "the model asked to call a tool",
  other: "the provider ended the reply for another reason",
};

/** Why a reply ended, in words. */
export function finishReasonText(reason: string | null): string {
  if (!reason) return "the reply ended";
  return FINISH_REASONS[reason] ?? `the provider reported "${reason}"`;
}
