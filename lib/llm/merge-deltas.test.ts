import { describe, expect, it } from "vitest";
import { mergeDeltas } from "@/lib/llm/merge-deltas";
import type { LlmEvent } from "@/lib/llm/types";

const usage = { promptTokens: 3, completionTokens: 2, reasoningTokens: null, cachedTokens: null, totalTokens: 5 };

describe("mergeDeltas", () => {
  it("joins neighbouring deltas of one kind and keeps the order of everything else", () => {
    const events: LlmEvent[] = [
      { type: "reasoning-delta", text: "think " },
      { type: "reasoning-delta", text: "hard" },
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo" },
      { type: "usage", usage },
      { type: "text-delta", text: "!" },
      { type: "reasoning-delta", text: "more" },
      { type: "finish", finishReason: "stop" },
    ];
    expect(mergeDeltas(events)).toEqual([
      { type: "reasoning-delta", text: "think hard" },
      { type: "text-delta", text: "Hello" },
      { type: "usage", usage },
      { type: "text-delta", text: "!" },
      { type: "reasoning-delta", text: "more" },
      { type: "finish", finishReason: "stop" },
    ]);
  });

  it("returns short lists as they are", () => {
    const one: LlmEvent[] = [{ type: "text-delta", text: "a" }];
    expect(mergeDeltas(one)).toBe(one);
    expect(mergeDeltas([])).toEqual([]);
  });
});
