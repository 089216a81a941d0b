import type { RunEvent, RunMetrics, UsageReport } from "@/lib/contracts/run-events";

// One playground run as a pure reducer: every action carries its own timestamp
// (performance.now()), so the numbers shown are derived, testable and never drift.

export type RunPhase = "idle" | "connecting" | "streaming" | "done" | "stopped" | "failed";

export type RunFailure = {
  code: string;
  message: string;
  status?: number | undefined;
  retryAfterSeconds?: number | undefined;
};

export type RatePoint = { at: number; tokens: number };

export type RunState = {
  phase: RunPhase;
  requestedAt: number | null;
  firstTokenAt: number | null;
  endedAt: number | null;
  runId: string | null;
  conversationId: number | null;
  text: string;
  thinking: string;
  /** Running output-token count from the chunks (an estimate until `done`). */
  tokens: number;
  usage: UsageReport | null;
  metrics: RunMetrics | null;
  finishReason: string | null;
  failure: RunFailure | null;
  stopping: boolean;
  /** Why a stop request failed, while the run goes on. */
  stopProblem: string | null;
  /** Token count sampled a few times a second, for the live tokens-per-second chart. */
  points: RatePoint[];
};

export type RunAction =
  | { type: "request"; at: number }
  | { type: "event"; event: RunEvent; at: number }
  | { type: "failure"; failure: RunFailure; at: number }
  | { type: "stopping" }
  | { type: "stop-failed"; message: string }
  | { type: "sample"; at: number };

export const SAMPLE_INTERVAL_MS = 250;
const MAX_POINTS = 61;

export const initialRunState: RunState = {
  phase: "idle",
  requestedAt: null,
  firstTokenAt: null,
  endedAt: null,
  runId: null,
  conversationId: null,
  text: "",
  thinking: "",
  tokens: 0,
  usage: null,
  metrics: null,
  finishReason: null,
  failure: null,
  stopping: false,
  stopProblem: null,
  points: [],
};

export function isActive(phase: RunPhase): boolean {
  return phase === "connecting" || phase === "streaming";
}

function withPoint(points: RatePoint[], point: RatePoint): RatePoint[] {
  const next = [...points, point];
  return next.length > MAX_POINTS ? next.slice(next.length - MAX_POINTS) : next;
}

function applyEvent(state: RunState, event: RunEvent, at: number): RunState {
  switch (event.type) {
    case "start":
      return { ...state, phase: "streaming", runId: event.runId, conversationId: event.conversationId };
    case "thinking":
    case "chunk": {
      const firstTokenAt = state.firstTokenAt ?? at;
      const tokens = Math.max(state.tokens, event.tokens);
      const delta =
        event.type === "chunk" ? { text: state.text + event.content } : { thinking: state.thinking + event.content };
      // The chart starts at the first token, from zero.
      const points = state.firstTokenAt === null ? [{ at, tokens: 0 }] : state.points;
      return { ...state, ...delta, phase: "streaming", firstTokenAt, tokens, points };
    }
    case "done": {
      const points =
        state.firstTokenAt === null
          ? state.points
          : withPoint(state.points, { at, tokens: Math.max(state.tokens, event.usage.completionTokens ?? 0) });
      return {
        ...state,
        phase: event.finishReason === "aborted" ? "stopped" : "done",
        endedAt: at,
        usage: event.usage,
        metrics: event.metrics,
        finishReason: event.finishReason,
        stopping: false,
        points,
      };
    }
    case "error":
      return {
        ...state,
        phase: "failed",
        endedAt: at,
        stopping: false,
        failure: {
          code: event.code,
          message: event.message,
          status: event.status,
          retryAfterSeconds: event.retryAfterSeconds,
        },
      };
  }
}

export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case "request":
      return { ...initialRunState, phase: "connecting", requestedAt: action.at };
    case "event":
      // Nothing after the end counts (a late event from a stream being torn down).
      return isActive(state.phase) ? applyEvent(state, action.event, action.at) : state;
    case "failure":
      return isActive(state.phase)
        ? { ...state, phase: "failed", endedAt: action.at, stopping: false, failure: action.failure }
        : state;
    case "stopping":
      return isActive(state.phase) ? { ...state, stopping: true, stopProblem: null } : state;
    case "stop-failed":
      return isActive(state.phase) ? { ...state, stopping: false, stopProblem: action.message } : state;
    case "sample": {
      if (state.phase !== "streaming" || state.firstTokenAt === null) return state;
      const last = state.points[state.points.length - 1];
      if (last && action.at - last.at < SAMPLE_INTERVAL_MS) return state;
      return { ...state, points: withPoint(state.points, { at: action.at, tokens: state.tokens }) };
    }
  }
}

/** Tokens per second over a sliding window of about a second, one value per sample. */
export function rateSeries(points: RatePoint[], windowSamples = 4): number[] {
  const rates: number[] = [];
  for (let index = 1; index < points.length; index += 1) {
    const current = points[index];
    const earlier = points[Math.max(0, index - windowSamples)];
    if (!current || !earlier) continue;
    const seconds = (current.at - earlier.at) / 1000;
    rates.push(seconds > 0 ? Math.max(0, (current.tokens - earlier.tokens) / seconds) : 0);
  }
  return rates;
}

export type RunNumbers = {
  tokens: number | null;
  tokenSource: "estimate" | "provider" | null;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  elapsedMs: number | null;
};

// A rate over less than this much generation time is noise (one chunk makes "400 tokens/s").
const MIN_RATE_WINDOW_MS = 300;

/** What the status bar shows at `now`: live values while streaming, the server's once it is done. */
export function runNumbers(state: RunState, now: number): RunNumbers {
  if (state.requestedAt === null)
    return { tokens: null, tokenSource: null, ttftMs: null, tokensPerSecond: null, elapsedMs: null };
  const end = state.endedAt ?? Math.max(now, state.requestedAt);
  const liveTtft = state.firstTokenAt === null ? null : state.firstTokenAt - state.requestedAt;
  const generationMs = state.firstTokenAt === null ? 0 : end - state.firstTokenAt;
  const liveRate = generationMs >= MIN_RATE_WINDOW_MS && state.tokens > 0 ? state.tokens / (generationMs / 1000) : null;
  if (state.usage && state.metrics) {
    return {
      tokens: state.usage.completionTokens ?? state.tokens,
      tokenSource: state.usage.source,
      ttftMs: state.metrics.ttftMs ?? liveTtft,
      tokensPerSecond: state.metrics.tokensPerSecond ?? liveRate,
      elapsedMs: state.metrics.durationMs,
    };
  }
  return {
    tokens: state.firstTokenAt === null ? null : state.tokens,
    tokenSource: "estimate",
    ttftMs: liveTtft,
    tokensPerSecond: liveRate,
    elapsedMs: end - state.requestedAt,
  };
}
