import { describe, expect, it } from "vitest";
import { usageFromGemini } from "@/lib/llm/providers/gemini/usage";

describe("usageFromGemini", () => {
  it("counts thoughts inside the completion and keeps cached content apart", () => {
    expect(
      usageFromGemini({
        promptTokenCount: 12,
        candidatesTokenCount: 71,
        totalTokenCount: 237,
        cachedContentTokenCount: 4,
        toolUsePromptTokenCount: 65,
        thoughtsTokenCount: 89,
      }),
    ).toEqual({ promptTokens: 12, completionTokens: 160, reasoningTokens: 89, cachedTokens: 4, totalTokens: 237 });
  });

  it("leaves what Gemini did not send null, and a zero count it leaves out adds nothing", () => {
    // A reply cut while it was still thinking: no candidatesTokenCount at all.
    expect(usageFromGemini({ promptTokenCount: 29, totalTokenCount: 88, thoughtsTokenCount: 59 })).toEqual({
      promptTokens: 29,
      completionTokens: 59,
      reasoningTokens: 59,
      cachedTokens: null,
      totalTokens: 88,
    });
    expect(usageFromGemini({ promptTokenCount: 9 })).toEqual({
      promptTokens: 9,
      completionTokens: null,
      reasoningTokens: null,
      cachedTokens: null,
      totalTokens: null,
    });
    expect(usageFromGemini({ promptTokenCount: 5, candidatesTokenCount: 3 })?.totalTokens).toBe(8);
  });

  it("reads a count that is not one as unknown, and anything else as no usage", () => {
    expect(usageFromGemini({ promptTokenCount: -1, candidatesTokenCount: 2.5, totalTokenCount: "9" })).toEqual({
      promptTokens: null,
      completionTokens: null,
      reasoningTokens: null,
      cachedTokens: null,
      totalTokens: null,
    });
    expect(usageFromGemini("usage")).toBeNull();
    expect(usageFromGemini(undefined)).toBeNull();
  });
});
