import { describe, expect, it } from "vitest";
import { initialRunState, type RunState } from "@/components/run/run-state";
import {
  buildTurnRows,
  differenceOf,
  figuresOfRun,
  originalTurns,
  type StoredMessage,
  type TurnFigures,
} from "@/components/rerun/turn-table";

const reply = (
  completionTokens: number | null,
  ttftMs: number | null,
  durationMs: number | null,
  status: StoredMessage["status"] = "complete",
): StoredMessage => ({
  role: "assistant",
  content: "answer",
  status,
  completionTokens,
  ttftMs,
  durationMs,
});
const user = (content: string): StoredMessage => ({
  role: "user",
  content,
  status: "complete",
  completionTokens: null,
  ttftMs: null,
  durationMs: null,
});

describe("originalTurns", () => {
  it("pairs each user turn with the reply that followed it, computing tokens per second over generation time", () => {
    const turns = originalTurns([
      { ...user("system?"), role: "system" },
      user("first"),
      reply(40, 200, 2200),
      user("second"),
      reply(10, 100, 600, "aborted"),
    ]);
    expect(turns).toEqual([
      {
        message: "first",
        reply: { status: "complete", completionTokens: 40, ttftMs: 200, durationMs: 2200, tokensPerSecond: 20 },
      },
      {
        message: "second",
        reply: { status: "aborted", completionTokens: 10, ttftMs: 100, durationMs: 600, tokensPerSecond: 20 },
      },
    ]);
  });

  it("keeps a user turn without a reply, and never pairs a reply with a later turn", () => {
    expect(
      originalTurns([user("a"), user("b"), reply(5, 10, 20)]).map((turn) => turn.reply?.completionTokens ?? null),
    ).toEqual([null, 5]);
  });
});

describe("differenceOf", () => {
  it("writes the re-run minus the original with a sign and a unit", () => {
    expect(differenceOf("ttftMs", 300, 420)).toEqual({ delta: 120, text: "+120 ms", tone: "worse" });
    expect(differenceOf("durationMs", 2500, 1200)).toEqual({ delta: -1300, text: "\u22121.30 s", tone: "better" });
    expect(differenceOf("completionTokens", 40, 25)).toEqual({ delta: -15, text: "\u221215 tokens", tone: "neutral" });
    expect(differenceOf("completionTokens", 40, 41)?.text).toBe("+1 token");
    expect(differenceOf("tokensPerSecond", 20, 23.25)).toEqual({ delta: 3.3, text: "+3.3 tok/s", tone: "better" });
    expect(differenceOf("tokensPerSecond", 20, 20)).toEqual({ delta: 0, text: "±0.0 tok/s", tone: "neutral" });
  });

  it("is null when either side is unknown", () => {
    expect(differenceOf("ttftMs", null, 10)).toBeNull();
    expect(differenceOf("ttftMs", 10, null)).toBeNull();
  });
});

describe("figuresOfRun", () => {
  it("takes the done event's usage and metrics", () => {
    const state: RunState = {
      ...initialRunState,
      phase: "done",
      usage: {
        promptTokens: 9,
        completionTokens: 30,
        reasoningTokens: null,
        cachedTokens: null,
        totalTokens: 39,
        source: "provider",
      },
      metrics: { ttftMs: 120, durationMs: 1120, tokensPerSecond: 30 },
    };
    expect(figuresOfRun(state)).toEqual({
      status: "complete",
      completionTokens: 30,
      ttftMs: 120,
      durationMs: 1120,
      tokensPerSecond: 30,
    });
    expect(figuresOfRun({ ...initialRunState, phase: "failed" })).toEqual({
      status: "error",
      completionTokens: null,
      ttftMs: null,
      durationMs: null,
      tokensPerSecond: null,
    });
  });
});

describe("buildTurnRows", () => {
  it("has a row per original turn with each column's figures and differences, empty where a column has not got there", () => {
    const turns = originalTurns([user("one"), reply(10, 100, 1100), user("two"), reply(20, 200, 2200)]);
    const rerun: TurnFigures = {
      status: "complete",
      completionTokens: 12,
      ttftMs: 50,
      durationMs: 1050,
      tokensPerSecond: 12,
    };
    const rows = buildTurnRows(turns, [[rerun], [rerun, rerun]]);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.reruns[0]?.differences.completionTokens?.text).toBe("+2 tokens");
    expect(rows[0]?.reruns[0]?.differences.ttftMs?.text).toBe("\u221250 ms");
    expect(rows[0]?.reruns[0]?.differences.tokensPerSecond?.text).toBe("+2.0 tok/s");
    expect(rows[1]?.reruns[0]).toEqual({
      figures: null,
      differences: { completionTokens: null, ttftMs: null, durationMs: null, tokensPerSecond: null },
    });
    expect(rows[1]?.reruns[1]?.differences.durationMs?.text).toBe("\u22121.15 s");
  });
});
