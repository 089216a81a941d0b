import { describe, expect, it } from "vitest";
import { timelineSchema } from "@/lib/contracts/conversations";
import { tokensPerSecond } from "@/lib/contracts/metrics";
import { parseRunEvent } from "@/lib/contracts/run-events";

describe("tokensPerSecond", () => {
  it("is unknown without tokens or timing, or with no generation time", () => {
    expect(tokensPerSecond({ tokens: null, ttftMs: 10, durationMs: 100 })).toBeNull();
    expect(tokensPerSecond({ tokens: 0, ttftMs: 10, durationMs: 100 })).toBeNull();
    expect(tokensPerSecond({ tokens: 5, ttftMs: null, durationMs: 100 })).toBeNull();
    expect(tokensPerSecond({ tokens: 5, ttftMs: 10, durationMs: null })).toBeNull();
    expect(tokensPerSecond({ tokens: 5, ttftMs: 100, durationMs: 100 })).toBeNull();
  });

  it("divides by the time from the first token to the end, to 0.1 tok/s", () => {
    expect(tokensPerSecond({ tokens: 3, ttftMs: 0, durationMs: 900 })).toBe(3.3);
    expect(tokensPerSecond({ tokens: 100, ttftMs: 250.4, durationMs: 1250.4 })).toBe(100);
  });
});

describe("timelines", () => {
  it("accepts the recorder's entries and refuses anything else", () => {
    const entries = [
      [0, 3],
      [5, 2, 1],
    ];
    expect(timelineSchema.parse(entries)).toEqual(entries);
    expect(timelineSchema.safeParse([[0, 3, 2]]).success).toBe(false);
    expect(timelineSchema.safeParse([["0", 3]]).success).toBe(false);
    expect(timelineSchema.safeParse([[-1, 3]]).success).toBe(false);
    expect(timelineSchema.safeParse({ 0: [0, 1] }).success).toBe(false);
  });
});

describe("run events", () => {
  it("reads the events the server sends", () => {
    expect(parseRunEvent('{"type":"chunk","content":"Hi","tokens":1}')).toEqual({
      type: "chunk",
      content: "Hi",
      tokens: 1,
    });
    expect(
      parseRunEvent('{"type":"error","code":"rate_limited","message":"Slow down.","status":429,"retryAfterSeconds":3}'),
    ).toEqual({ type: "error", code: "rate_limited", message: "Slow down.", status: 429, retryAfterSeconds: 3 });
  });

  it("skips what is not JSON, not an event or not one of this contract", () => {
    expect(parseRunEvent("not json")).toBeNull();
    expect(parseRunEvent('{"type":"tool-call"}')).toBeNull();
    expect(parseRunEvent('{"type":"chunk","content":1,"tokens":1}')).toBeNull();
    expect(parseRunEvent('{"type":"error","code":"made_up","message":"?"}')).toBeNull();
  });
});
