import { describe, expect, it } from "vitest";
import { encodeSseEvent, parseLastEventId } from "@/lib/runs/run-events";

describe("SSE encoding", () => {
  it("writes one id line and one data line, even for text with newlines", () => {
    const text = encodeSseEvent("42", 3, { type: "chunk", content: "line one\nline two\r\n", tokens: 5 });
    expect(text).toBe('id: 42:3\ndata: {"type":"chunk","content":"line one\\nline two\\r\\n","tokens":5}\n\n');
    expect(text.split("\n").filter(Boolean)).toHaveLength(2);
  });

  it("reads back its own Last-Event-ID and refuses anything else", () => {
    expect(parseLastEventId("42:3")).toEqual({ runId: "42", seq: 3 });
    expect(parseLastEventId(" 42:3 ")).toEqual({ runId: "42", seq: 3 });
    for (const bad of [null, "", "42", "x:1", "42:-1", "42:1:2", "1".repeat(20) + ":1"]) expect(parseLastEventId(bad)).toBeNull();
  });
});
