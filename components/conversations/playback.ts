import { initialRunState, SAMPLE_INTERVAL_MS, type RatePoint, type RunState } from "@/components/run/run-state";
import type { TimelineEntry } from "@/lib/contracts/conversations";
import { tokensPerSecond } from "@/lib/contracts/metrics";
import type { UsageReport } from "@/lib/contracts/run-events";

// Playback of a saved reply with its recorded rhythm, as pure functions of "recorded time" (ms
// since the run started): what text, thinking and token count were out by then. The player
// only maps the wall clock to recorded time (speed) and draws the frame.

export type Recording = {
  content: string;
  reasoning: string;
  timeline: TimelineEntry[];
  status: "streaming" | "complete" | "aborted" | "error";
  finishReason: string | null;
  usage: {
    promptTokens: number | null;
    completionTokens: number | null;
    reasoningTokens: number | null;
    cachedTokens: number | null;
    estimatedTokens: number | null;
    source: string | null;
  };
  metrics: { ttftMs: number | null; durationMs: number | null };
};

export type PlaybackSpeed = 1 | 2 | 10 | "instant";
export const PLAYBACK_SPEEDS: PlaybackSpeed[] = [1, 2, 10, "instant"];

export type PlaybackFrame = {
  recordedMs: number;
  textLength: number;
  thinkingLength: number;
  tokens: number;
  firstTokenMs: number | null;
  done: boolean;
};

const MAX_POINTS = 61;

/** The output tokens of the whole reply: the provider's count, else the estimate. */
function totalTokens(recording: Recording): number {
  return recording.usage.completionTokens ?? recording.usage.estimatedTokens ?? 0;
}

/** When the recording ends, in recorded ms: its last chunk, or the run's duration if later. */
export function recordedDuration(recording: Recording): number {
  const last = recording.timeline[recording.timeline.length - 1];
  return Math.max(last?.[0] ?? 0, recording.metrics.durationMs ?? 0);
}

/** What was out at `recordedMs`; tokens grow with the characters and end at the saved count. */
export function playbackFrame(recording: Recording, recordedMs: number): PlaybackFrame {
  let text = 0;
  let thinking = 0;
  let firstTokenMs: number | null = null;
  for (const [at, characters, reasoning] of recording.timeline) {
    if (at > recordedMs) break;
    firstTokenMs ??= at;
    if (reasoning === 1) thinking += characters;
    else text += characters;
  }
  const textLength = Math.min(text, recording.content.length);
  const thinkingLength = Math.min(thinking, recording.reasoning.length);
  const allCharacters = recording.content.length + recording.reasoning.length;
  const done = recordedMs >= recordedDuration(recording);
  const shown = done ? allCharacters : textLength + thinkingLength;
  // Rounded down: the saved count is reached only at the end, as in the live run.
  const tokens = allCharacters === 0 ? 0 : Math.floor((totalTokens(recording) * shown) / allCharacters);
  return {
    recordedMs,
    textLength: done ? recording.content.length : textLength,
    thinkingLength: done ? recording.reasoning.length : thinkingLength,
    tokens,
    firstTokenMs,
    done,
  };
}

/** The recorded time of the next chunk after `recordedMs`, or null when none is left. */
export function nextChunkAt(recording: Recording, recordedMs: number): number | null {
  for (const [at] of recording.timeline) if (at > recordedMs) return at;
  return null;
}

/** Recorded time on a playback clock started at `startedAt` (wall ms) from `fromMs` (recorded). */
export function recordedTimeAt(
  { startedAt, fromMs, speed }: { startedAt: number; fromMs: number; speed: PlaybackSpeed },
  wallNow: number,
  duration: number,
): number {
  if (speed === "instant") return duration;
  return Math.min(duration, fromMs + Math.max(0, wallNow - startedAt) * speed);
}

// Does not split a surrogate pair when a limit falls inside one.
function cut(text: string, length: number): string {
  const end =
    length > 0 && length < text.length && /[\ud800-\udbff]/.test(text.charAt(length - 1)) ? length + 1 : length;
  return text.slice(0, end);
}

function ratePoints(recording: Recording, frame: PlaybackFrame): RatePoint[] {
  if (frame.firstTokenMs === null) return [];
  const points: RatePoint[] = [];
  const start = Math.max(frame.firstTokenMs, frame.recordedMs - SAMPLE_INTERVAL_MS * (MAX_POINTS - 1));
  for (let at = start; at < frame.recordedMs; at += SAMPLE_INTERVAL_MS)
    points.push({ at, tokens: at === frame.firstTokenMs ? 0 : playbackFrame(recording, at).tokens });
  points.push({ at: frame.recordedMs, tokens: frame.tokens });
  return points;
}

function finalUsage(recording: Recording): UsageReport {
  const { promptTokens, completionTokens, reasoningTokens, cachedTokens, source } = recording.usage;
  const completion = completionTokens ?? recording.usage.estimatedTokens;
  return {
    promptTokens,
    completionTokens: completion,
    reasoningTokens,
    cachedTokens,
    totalTokens: promptTokens !== null && completion !== null ? promptTokens + completion : null,
    source: source === "provider" ? "provider" : "estimate",
  };
}

const END_PHASE = { complete: "done", streaming: "stopped", aborted: "stopped", error: "failed" } as const;

/**
 * A frame as the playground's run state, so the status bar and reply panel draw it as they draw
 * a live run: recorded time is the clock (`now` = frame.recordedMs, the run requested at 0).
 */
export function playbackRunState(
  recording: Recording,
  frame: PlaybackFrame,
  { paused = false }: { paused?: boolean } = {},
): RunState {
  const base: RunState = {
    ...initialRunState,
    phase: frame.done ? END_PHASE[recording.status] : paused ? "stopped" : "streaming",
    requestedAt: 0,
    firstTokenAt: frame.firstTokenMs,
    text: cut(recording.content, frame.textLength),
    thinking: cut(recording.reasoning, frame.thinkingLength),
    tokens: frame.tokens,
    points: ratePoints(recording, frame),
    endedAt: frame.done || paused ? frame.recordedMs : null,
  };
  if (!frame.done) return base;
  const duration = recordedDuration(recording);
  const ttftMs = recording.metrics.ttftMs ?? frame.firstTokenMs;
  return {
    ...base,
    endedAt: duration,
    usage: finalUsage(recording),
    metrics: {
      ttftMs,
      durationMs: recording.metrics.durationMs ?? duration,
      tokensPerSecond: tokensPerSecond({ tokens: totalTokens(recording), ttftMs, durationMs: duration }),
    },
    finishReason: recording.finishReason,
  };
}
