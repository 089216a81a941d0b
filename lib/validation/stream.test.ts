import { describe, expect, it } from "vitest";
import { toIssues } from "@/lib/validation/issues";
import { streamRequestSchema } from "@/lib/validation/stream";

describe("stream parameters", () => {
  it("accepts EventSource's strings and coerces them", () => {
    const parsed = streamRequestSchema.parse({
      configuration: "3",
      prompt: "Hi",
      temperature: "0.7",
      maxTokens: "256",
      topP: "0.9",
      stop: '["END"]',
      system: "",
    });
    expect(parsed).toMatchObject({ configuration: "3", temperature: 0.7, maxTokens: 256, topP: 0.9, stop: ["END"] });
    expect(parsed.system).toBeUndefined();
    expect(streamRequestSchema.parse({ configuration: 3, prompt: "Hi", temperature: 0.2 }).configuration).toBe("3");
    expect(streamRequestSchema.parse({ configuration: "demo", prompt: "Hi", stop: "###" }).stop).toEqual(["###"]);
  });

  it.each([
    [{ configuration: "1", prompt: "x", temperature: "hot" }, "temperature"],
    [{ configuration: "1", prompt: "x", temperature: "2.5" }, "temperature"],
    [{ configuration: "1", prompt: "x", maxTokens: "0" }, "maxTokens"],
    [{ configuration: "1", prompt: "x", maxTokens: "12.5" }, "maxTokens"],
    [{ configuration: "1", prompt: "x", topP: "-0.1" }, "topP"],
    [{ configuration: "1", prompt: "x", reasoningEffort: "extreme" }, "reasoningEffort"],
    [{ configuration: "1", prompt: "x", thinkingBudget: "10" }, "thinkingBudget"],
    [{ configuration: "1", prompt: "" }, "prompt"],
    [{ prompt: "x" }, "configuration"],
    [{ configuration: "1", prompt: "x", stop: '["a","b","c","d","e"]' }, "stop"],
  ])("refuses %j on %s", (input, path) => {
    const parsed = streamRequestSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(toIssues(parsed.error).map((issue) => issue.path)).toContain(path);
  });
});
