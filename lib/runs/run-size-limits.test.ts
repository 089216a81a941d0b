import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertRunSize, estimateContextTokens, maxTokensCapOf } from "@/lib/runs/run-size-limits";

const limits = { maxTokensCap: 32_768, maxContextTokens: 1_000 };
const configuration = { name: "Team GPT", maxTokensCap: null, defaultParams: {} };
const short = [{ role: "user" as const, content: "Hello there" }];

function refusal(check: () => void): AppError {
  try {
    check();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("the maxTokens cap", () => {
  it("is the configuration's own, else the deployment's", () => {
    expect(maxTokensCapOf({ maxTokensCap: 100 }, limits)).toBe(100);
    expect(maxTokensCapOf({ maxTokensCap: null }, limits)).toBe(32_768);
  });

  it("refuses maxTokens or thinkingBudget above it with a 400 that names the cap", () => {
    const capped = { ...configuration, maxTokensCap: 100 };
    const over = refusal(() =>
      assertRunSize({ configuration: capped, params: { maxTokens: 101 }, messages: short, limits }),
    );
    expect(over).toMatchObject({ code: "invalid_params", issues: [{ path: "maxTokens" }] });
    expect(over.message).toContain('maxTokens 101 is over the cap of 100 tokens for "Team GPT"');
    expect(
      refusal(() => assertRunSize({ configuration: capped, params: { thinkingBudget: 2048 }, messages: short, limits }))
        .issues?.[0]?.path,
    ).toBe("thinkingBudget");
    expect(
      refusal(() => assertRunSize({ configuration, params: { maxTokens: 1_000_000 }, messages: short, limits }))
        .message,
    ).toContain("cap of 32768");
    assertRunSize({ configuration: capped, params: { maxTokens: 100 }, messages: short, limits });
  });

  it("refuses a run that would use a default above the cap", () => {
    const misconfigured = { ...configuration, maxTokensCap: 100, defaultParams: { maxTokens: 500 } };
    expect(
      refusal(() => assertRunSize({ configuration: misconfigured, params: {}, messages: short, limits })).message,
    ).toContain("asks for 500 max tokens by default, over its cap of 100");
    assertRunSize({ configuration: misconfigured, params: { maxTokens: 50 }, messages: short, limits });
  });
});

describe("the context size cap", () => {
  it("estimates with the project's tokenizer", () => {
    const text = "The quick brown fox jumps over the lazy dog. ".repeat(100);
    expect(estimateContextTokens([{ role: "user", content: text }], 0)).toEqual({
      tokens: countTokens(text),
      over: false,
    });
  });

  it("stops counting once over the limit and extrapolates the rest", () => {
    const text = "word ".repeat(400_000);
    const started = performance.now();
    const estimate = estimateContextTokens([{ role: "user", content: text }], 1_000);
    expect(performance.now() - started).toBeLessThan(500);
    expect(estimate.over).toBe(true);
    expect(estimate.tokens).toBeGreaterThan(300_000);
  });

  it("refuses a conversation over the limit, naming its size and what to do", () => {
    const turn = "lorem ipsum dolor sit amet ".repeat(100);
    const messages = [
      { role: "system" as const, content: "Be brief." },
      { role: "user" as const, content: turn },
      { role: "assistant" as const, content: turn },
      { role: "user" as const, content: turn },
    ];
    const refused = refusal(() => assertRunSize({ configuration, params: {}, messages, limits }));
    expect(refused.code).toBe("invalid_params");
    expect(refused.message).toMatch(
      /^This conversation is about [\d,]+ tokens \(system prompt, earlier turns and the new message\), over the limit of 1,000 per request\. Start a new conversation/u,
    );
    expect(
      refusal(() =>
        assertRunSize({ configuration, params: {}, messages: [{ role: "user", content: turn.repeat(4) }], limits }),
      ).message,
    ).toMatch(/^This prompt is about/u);
    assertRunSize({ configuration, params: {}, messages, limits: { ...limits, maxContextTokens: 0 } });
  });
});
