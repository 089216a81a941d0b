import { describe, expect, it } from "vitest";
import { cutAtStop, echoOf, longTokens, replyText, tokenize } from "./reply";
import { DEFAULT_STALL_MS, resolveScenario } from "./scenarios";

function scenarioOf(model: string | null, header: string | null = null) {
  const resolved = resolveScenario(model, header);
  if ("error" in resolved) throw new Error(resolved.error);
  return resolved;
}

describe("scenario selection", () => {
  it("reads a ~suffix from the model name and keeps the base model", () => {
    const { baseModel, scenario } = scenarioOf("gpt-4o-mini~slow-120");
    expect(baseModel).toBe("gpt-4o-mini");
    expect(scenario).toMatchObject({ label: "slow-120", pace: "slow", paceMs: 120 });
    expect(scenarioOf("qwen3:8b").scenario.label).toBe("normal");
    expect(scenarioOf("qwen3:8b").baseModel).toBe("qwen3:8b");
  });

  it("combines parts with + and merges the X-Simulator-Scenario header", () => {
    const { scenario } = scenarioOf("deepseek/deepseek-r1~reasoning+utf8-split", "fast-200, stall-first-byte");
    expect(scenario).toMatchObject({
      reasoning: true,
      utf8Split: true,
      pace: "fast",
      tokenCount: 200,
      stallFirstByteMs: DEFAULT_STALL_MS,
    });
    expect(scenario.label).toBe("fast-200+stall-first-byte+reasoning+utf8-split");
  });

  it("knows http-<status>, faults with positions and defaults", () => {
    expect(scenarioOf("m~http-429").scenario.httpStatus).toBe(429);
    expect(scenarioOf("m~drop-7").scenario.fault).toEqual({ kind: "drop", afterTokens: 7, ms: 0 });
    expect(scenarioOf("m~stall-midstream-300").scenario.fault).toEqual({
      kind: "stall-midstream",
      afterTokens: null,
      ms: 300,
    });
    expect(scenarioOf("m~long").scenario.tokenCount).toBe(1000);
    expect(scenarioOf(null, "http-503").scenario.httpStatus).toBe(503);
  });

  it("rejects unknown scenarios with a message listing the known ones", () => {
    const resolved = resolveScenario("m~sideways", null);
    expect(resolved).toMatchObject({
      error: expect.stringContaining("unknown simulator scenario 'sideways'") as string,
    });
    expect(resolveScenario("m~http-200", null)).toHaveProperty("error");
    expect(resolveScenario("m~reasoning-5", null)).toHaveProperty("error");
  });
});

describe("reply text", () => {
  it("is deterministic, echoes the prompt and contains multi-byte characters", () => {
    const reply = replyText("Tell me about  the weather\nin Paris today please now");
    expect(reply).toBe(replyText("Tell me about  the weather\nin Paris today please now"));
    expect(reply).toContain("“Tell me about the weather in”");
    expect(reply).toMatch(/é/u);
    expect(reply).toContain("—");
    expect(reply).toContain("🚀");
    expect(echoOf("   ")).toBe("(empty prompt)");
  });

  it("tokenizes into words and fragments that reassemble exactly, never splitting a code point", () => {
    const reply = replyText("héllo wörld");
    const tokens = tokenize(reply);
    expect(tokens.join("")).toBe(reply);
    expect(tokens.every((token) => Array.from(token.trim()).length <= 5)).toBe(true);
    expect(tokens).toContain(" 🚀");
  });

  it("makes long replies of exactly n tokens, and cuts at the earliest stop sequence", () => {
    expect(longTokens("x", 5000)).toHaveLength(5000);
    expect(cutAtStop("one two three", ["three", "two"])).toEqual({ text: "one ", sequence: "two" });
    expect(cutAtStop("one", ["zzz", ""])).toBeNull();
  });
});
