import { describe, expect, it } from "vitest";
import { encodeSseEvent, parseLastEventId } from "@/lib/runs/run-events";
import { isRunId, newRunId } from "@/lib/runs/run-id";

const RUN = "Q2hhbmdlIG1lIGxhdGVyIQ";

describe("SSE encoding", () => {
  it("writes one id line and one data line, even for text with newlines", () => {
    const text = encodeSseEvent(RUN, 3, { type: "chunk", content: "line one\nline two\r\n", tokens: 5 });
    expect(text).toBe(`id: ${RUN}:3\ndata: {"type":"chunk","content":"line one\\nline two\\r\\n","tokens":5}\n\n`);
    expect(text.split("\n").filter(Boolean)).toHaveLength(2);
  });

  it("reads back its own Last-Event-ID and refuses anything else, sequential message ids included", () => {
    expect(parseLastEventId(`${RUN}:3`)).toEqual({ runId: RUN, seq: 3 });
    expect(parseLastEventId(` ${RUN}:3 `)).toEqual({ runId: RUN, seq: 3 });
    for (const bad of [
      null,
      "",
      "42",
      "42:3",
      "6:0",
      "x:1",
      `${RUN}:-1`,
      `${RUN}:1:2`,
      `${RUN}x:1`,
      `${RUN.slice(1)}:1`,
      "1".repeat(20) + ":1",
      `${RUN.replace("Q", "+")}:0`,
    ]) {
      expect(parseLastEventId(bad)).toBeNull();
    }
  });
});

describe("run ids", () => {
  it("are 128 random bits as 22 base64url characters, never the same twice", () => {
    const ids = Array.from({ length: 1000 }, newRunId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, "base64url")).toHaveLength(16);
      expect(isRunId(id)).toBe(true);
    }
    // Every bit position varies: not a counter, not a timestamp.
    const ones = new Array<number>(128).fill(0);
    for (const id of ids)
      Buffer.from(id, "base64url").forEach((byte, at) => {
        for (let bit = 0; bit < 8; bit += 1) ones[at * 8 + bit] = (ones[at * 8 + bit] ?? 0) + ((byte >> bit) & 1);
      });
    // About 500 each; a fixed or counting bit would sit near 0 or 1000.
    for (const count of ones) expect(count).toBeGreaterThan(400);
    for (const count of ones) expect(count).toBeLessThan(600);
    for (const notRunId of ["42", "1".repeat(22) + "=", "a".repeat(21), "a".repeat(23)])
      expect(isRunId(notRunId)).toBe(false);
  });
});
