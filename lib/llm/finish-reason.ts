// Why a reply ended, in one closed vocabulary: each provider folder maps its own words onto it
// (finish-reason.ts there), so nothing above lib/llm learns a provider's spelling.

export const FINISH_REASONS = ["stop", "length", "content_filter", "tool_calls", "other"] as const;

export type FinishReason = (typeof FINISH_REASONS)[number];

/** The unified reason for a provider's own word; a word the map does not know is "other". */
export function finishReasonFrom(map: Readonly<Record<string, FinishReason>>, raw: string): FinishReason {
  return Object.hasOwn(map, raw) ? (map[raw] ?? "other") : "other";
}
