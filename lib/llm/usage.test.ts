import { describe, expect, it } from "vitest";
import { mergeUsage, UNKNOWN_USAGE, usageFromAnthropic, usageFromOllama, usageFromOpenAI } from "@/lib/llm/usage";

describe("usageFromOpenAI", () => {
  it("reads the full OpenAI shape, ignoring audio and prediction details", () => {
    expect(
      usageFromOpenAI({
        prompt_tokens: 80,
        completion_tokens: 17,
        total_tokens: 97,
        prompt_tokens_details: { cached_tokens: 64, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 5,
          audio_tokens: 0,
          accepted_prediction_tokens: 2,
          rejected_prediction_tokens: 1,
        },
      }),
    ).toEqual({ promptTokens: 80, completionTokens: 17, reasoningTokens: 5, cachedTokens: 64, totalTokens: 97 });
  });

  it("keeps absent details unknown (null), never 0", () => {
    expect(usageFromOpenAI({ prompt_tokens: 26, completion_tokens: 282, total_tokens: 308 })).toEqual({
      promptTokens: 26,
      completionTokens: 282,
      reasoningTokens: null,
      cachedTokens: null,
      totalTokens: 308,
    });
  });

  it("accepts a usage object of nulls, and details that are null or objects of nulls", () => {
    expect(
      usageFromOpenAI({
        prompt_tokens: null,
        completion_tokens: null,
        total_tokens: null,
        prompt_tokens_details: null,
        completion_tokens_details: null,
      }),
    ).toEqual(UNKNOWN_USAGE);
    expect(
      usageFromOpenAI({
        prompt_tokens: 3,
        completion_tokens: 4,
        prompt_tokens_details: { cached_tokens: null },
        completion_tokens_details: { reasoning_tokens: null, accepted_prediction_tokens: null },
      }),
    ).toEqual({
      promptTokens: 3,
      completionTokens: 4,
      reasoningTokens: null,
      cachedTokens: null,
      totalTokens: 7,
    });
  });

  it("turns values that are not counts into null instead of throwing", () => {
    expect(
      usageFromOpenAI({
        prompt_tokens: "12",
        completion_tokens: -1,
        total_tokens: 5,
        prompt_tokens_details: "n/a",
        completion_tokens_details: [],
      }),
    ).toEqual({
      promptTokens: null,
      completionTokens: null,
      reasoningTokens: null,
      cachedTokens: null,
      totalTokens: 5,
    });
    // A fraction or a number past PostgreSQL's integer range is not a count (and would fail the final save).
    expect(usageFromOpenAI({ prompt_tokens: 12.5, completion_tokens: 3_000_000_000, total_tokens: 7 })).toMatchObject({
      promptTokens: null,
      completionTokens: null,
      totalTokens: 7,
    });
  });

  it("returns null for something that is not a usage object", () => {
    expect(usageFromOpenAI(null)).toBeNull();
    expect(usageFromOpenAI(undefined)).toBeNull();
    expect(usageFromOpenAI("usage")).toBeNull();
    expect(usageFromOpenAI([1, 2])).toBeNull();
  });

  it("reads OpenRouter's usage with cost fields", () => {
    expect(
      usageFromOpenAI({
        prompt_tokens: 194,
        completion_tokens: 2,
        total_tokens: 196,
        cost: 0.95,
        is_byok: false,
        prompt_tokens_details: { cached_tokens: 0 },
        cost_details: { upstream_inference_cost: 19 },
        completion_tokens_details: { reasoning_tokens: 0 },
      }),
    ).toEqual({ promptTokens: 194, completionTokens: 2, reasoningTokens: 0, cachedTokens: 0, totalTokens: 196 });
  });
});

describe("usageFromAnthropic", () => {
  it("counts cache reads and writes as prompt tokens and reports cache reads as cached", () => {
    expect(
      usageFromAnthropic({
        input_tokens: 10,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 5,
        output_tokens: 7,
      }),
    ).toEqual({
      promptTokens: 115,
      completionTokens: 7,
      reasoningTokens: null,
      cachedTokens: 100,
      totalTokens: 122,
    });
  });

  it("leaves what message_delta does not say unknown", () => {
    expect(usageFromAnthropic({ output_tokens: 15 })).toEqual({
      promptTokens: null,
      completionTokens: 15,
      reasoningTokens: null,
      cachedTokens: null,
      totalTokens: null,
    });
  });
});

describe("usageFromOllama", () => {
  it("reads prompt_eval_count and eval_count, and leaves an omitted prompt count unknown", () => {
    expect(usageFromOllama({ done: true, prompt_eval_count: 26, eval_count: 259 })).toEqual({
      promptTokens: 26,
      completionTokens: 259,
      reasoningTokens: null,
      cachedTokens: null,
      totalTokens: 285,
    });
    expect(usageFromOllama({ done: true, eval_count: 9 })).toEqual({
      promptTokens: null,
      completionTokens: 9,
      reasoningTokens: null,
      cachedTokens: null,
      totalTokens: null,
    });
  });
});

describe("mergeUsage", () => {
  it("lets known values of the update win and keeps the rest", () => {
    const start = {
      promptTokens: 25,
      completionTokens: null,
      reasoningTokens: null,
      cachedTokens: 3,
      totalTokens: null,
    };
    expect(mergeUsage(start, { ...UNKNOWN_USAGE, completionTokens: 15 })).toEqual({
      promptTokens: 25,
      completionTokens: 15,
      reasoningTokens: null,
      cachedTokens: 3,
      totalTokens: null,
    });
  });
});
