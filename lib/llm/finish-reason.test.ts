import { describe, expect, it } from "vitest";
import { FINISH_REASONS } from "@/lib/llm/finish-reason";
import { anthropicFinishReason } from "@/lib/llm/providers/anthropic/finish-reason";
import { ollamaFinishReason } from "@/lib/llm/providers/ollama/finish-reason";
import { chatFinishReason } from "@/lib/llm/providers/openai-compatible/finish-reason";

describe("finish reasons", () => {
  it("maps chat-completions reasons, the legacy function_call to tool_calls", () => {
    expect(["stop", "length", "content_filter", "tool_calls", "function_call"].map(chatFinishReason)).toEqual([
      "stop",
      "length",
      "content_filter",
      "tool_calls",
      "tool_calls",
    ]);
  });

  it("maps Anthropic's stop reasons", () => {
    expect(
      ["end_turn", "stop_sequence", "max_tokens", "model_context_window_exceeded", "tool_use", "refusal"].map(
        anthropicFinishReason,
      ),
    ).toEqual(["stop", "stop", "length", "length", "tool_calls", "content_filter"]);
  });

  it("maps Ollama's done reasons; none at all is a plain stop", () => {
    expect(["stop", "length", "", null, undefined].map(ollamaFinishReason)).toEqual([
      "stop",
      "length",
      "stop",
      "stop",
      "stop",
    ]);
  });

  it("calls a word no map knows 'other', including names an object inherits", () => {
    for (const word of ["pause_turn", "eos", "unload", "toString", "__proto__", "constructor"]) {
      expect([chatFinishReason(word), anthropicFinishReason(word), ollamaFinishReason(word)], word).toEqual([
        "other",
        "other",
        "other",
      ]);
    }
    expect(FINISH_REASONS).toContain("other");
  });
});
