import { describe, expect, it } from "vitest";
import { checkParameters, EMPTY_PARAMETERS, stopSequencesOf } from "@/components/composer/parameter-values";

describe("checkParameters", () => {
  it("sends nothing for empty fields, so the configuration's defaults apply", () => {
    expect(checkParameters(EMPTY_PARAMETERS, "openai")).toEqual({ ok: true, params: {} });
  });

  it("coerces typed numbers with the stream schema", () => {
    const result = checkParameters(
      { ...EMPTY_PARAMETERS, temperature: " 0.7 ", maxTokens: "256", topP: "0.9" },
      "openai",
    );
    expect(result).toEqual({ ok: true, params: { temperature: 0.7, maxTokens: 256, topP: 0.9 } });
  });

  it("refuses what the server would refuse, in sentences naming the field", () => {
    const result = checkParameters({ ...EMPTY_PARAMETERS, temperature: "3", maxTokens: "1.5", topP: "abc" }, "openai");
    expect(result).toEqual({
      ok: false,
      errors: {
        temperature: "Temperature must be between 0 and 2.",
        maxTokens: "Max tokens must be a whole number.",
        topP: "Top P must be a number.",
      },
    });
  });

  it("sends only the reasoning option the provider understands", () => {
    const values = { ...EMPTY_PARAMETERS, reasoningEffort: "high", thinkingBudget: "2048" };
    expect(checkParameters(values, "openrouter")).toEqual({ ok: true, params: { reasoningEffort: "high" } });
    expect(checkParameters(values, "anthropic")).toEqual({ ok: true, params: { thinkingBudget: 2048 } });
    expect(checkParameters(values, "local")).toEqual({ ok: true, params: {} });
    expect(checkParameters({ ...EMPTY_PARAMETERS, thinkingBudget: "100" }, "anthropic")).toEqual({
      ok: false,
      errors: { thinkingBudget: "Thinking budget must be at least 1024." },
    });
  });

  it("allows at most four stop sequences", () => {
    expect(checkParameters({ ...EMPTY_PARAMETERS, stop: "a\nb\nc\nd\ne" }, "openai")).toEqual({
      ok: false,
      errors: { stop: "At most 4 stop sequences." },
    });
  });
});

describe("stopSequencesOf", () => {
  it("reads one sequence per line, skips empty lines and unescapes \\n and \\t", () => {
    expect(stopSequencesOf("END\n\n\\n\\nUser:\r\ntab\\there\\\\n")).toEqual(["END", "\n\nUser:", "tab\there\\n"]);
  });
});
