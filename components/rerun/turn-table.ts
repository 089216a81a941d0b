import { formatMs } from "@/components/run/format";
import type { RunState } from "@/components/run/run-state";
import { tokensPerSecond } from "@/lib/contracts/metrics";

// The per-turn comparison of a re-run: the original reply's numbers against each re-run's, and
// the difference, as plain data so the table only renders it.

export type TurnFigures = {
  status: "complete" | "aborted" | "error" | "streaming";
  completionTokens: number | null;
  ttftMs: number | null;
  durationMs: number | null;
  tokensPerSecond: number | null;
};

export type OriginalTurn = { message: string; reply: TurnFigures | null };

export type StoredMessage = {
  role: "system" | "user" | "assistant";
  content: string;
  status: TurnFigures["status"];
  completionTokens: number | null;
  ttftMs: number | null;
  durationMs: number | null;
};

export const METRICS = ["completionTokens", "ttftMs", "durationMs", "tokensPerSecond"] as const;
export type Metric = (typeof METRICS)[number];

function figuresOfMessage(message: StoredMessage): TurnFigures {
  const { status, completionTokens, ttftMs, durationMs } = message;
  return {
    status,
    completionTokens,
    ttftMs,
    durationMs,
    tokensPerSecond: tokensPerSecond({ tokens: completionTokens, ttftMs, durationMs }),
  };
}

/** Each user turn of a saved conversation with the numbers of the reply that followed it, if any. */
export function originalTurns(messages: StoredMessage[]): OriginalTurn[] {
  const turns: OriginalTurn[] = [];
  for (const message of messages) {
    if (message.role === "user") turns.push({ message: message.content, reply: null });
    const last = turns[turns.length - 1];
    if (message.role === "assistant" && last && last.reply === null) last.reply = figuresOfMessage(message);
  }
  return turns;
}

/** The numbers of a finished run, from its `done` event (or what was known when it failed). */
export function figuresOfRun(state: RunState): TurnFigures {
  const status =
    state.phase === "done"
      ? "complete"
      : state.phase === "stopped"
        ? "aborted"
        : state.phase === "failed"
          ? "error"
          : "streaming";
  const completionTokens = state.usage?.completionTokens ?? null;
  const ttftMs = state.metrics?.ttftMs ?? null;
  const durationMs = state.metrics?.durationMs ?? null;
  return {
    status,
    completionTokens,
    ttftMs,
    durationMs,
    tokensPerSecond:
      state.metrics?.tokensPerSecond ?? tokensPerSecond({ tokens: completionTokens, ttftMs, durationMs }),
  };
}

type Tone = "better" | "worse" | "neutral";

export type Difference = { delta: number; text: string; tone: Tone };

const MINUS = "\u2212";

function signed(delta: number, magnitude: string): string {
  if (delta === 0) return `±${magnitude}`;
  return `${delta > 0 ? "+" : MINUS}${magnitude}`;
}

/** "+120 ms", "−15 tokens", "+3.2 tok/s": the re-run minus the original; null when either is unknown. */
export function differenceOf(metric: Metric, original: number | null, rerun: number | null): Difference | null {
  if (original === null || rerun === null) return null;
  if (metric === "tokensPerSecond") {
    const delta = Math.round((rerun - original) * 10) / 10;
    return {
      delta,
      text: `${signed(delta, Math.abs(delta).toFixed(1))} tok/s`,
      tone: delta > 0 ? "better" : delta < 0 ? "worse" : "neutral",
    };
  }
  const delta = Math.round(rerun - original);
  if (metric === "completionTokens")
    return {
      delta,
      text: `${signed(delta, Math.abs(delta).toLocaleString())} token${Math.abs(delta) === 1 ? "" : "s"}`,
      tone: "neutral",
    };
  // Less waiting is better.
  return {
    delta,
    text: signed(delta, formatMs(Math.abs(delta))),
    tone: delta < 0 ? "better" : delta > 0 ? "worse" : "neutral",
  };
}

type RerunCell = { figures: TurnFigures | null; differences: Record<Metric, Difference | null> };

export type TurnRow = { index: number; message: string; original: TurnFigures | null; reruns: RerunCell[] };

const NO_DIFFERENCES: Record<Metric, Difference | null> = {
  completionTokens: null,
  ttftMs: null,
  durationMs: null,
  tokensPerSecond: null,
};

/** One row per original turn; `reruns[c][t]` is column c's turn t, or missing while it has not finished. */
export function buildTurnRows(turns: OriginalTurn[], reruns: Array<Array<TurnFigures | undefined>>): TurnRow[] {
  return turns.map((turn, index) => ({
    index,
    message: turn.message,
    original: turn.reply,
    reruns: reruns.map((column) => {
      const figures = column[index] ?? null;
      if (!figures) return { figures: null, differences: NO_DIFFERENCES };
      const of = (metric: Metric) => differenceOf(metric, turn.reply ? turn.reply[metric] : null, figures[metric]);
      return {
        figures,
        differences: {
          completionTokens: of("completionTokens"),
          ttftMs: of("ttftMs"),
          durationMs: of("durationMs"),
          tokensPerSecond: of("tokensPerSecond"),
        },
      };
    }),
  }));
}
