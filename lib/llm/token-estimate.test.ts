import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { createTokenCounter } from "@/lib/llm/token-estimate";

/** Cuts text into deltas of 1–7 characters (deterministic), as a provider stream would. */
function deltasOf(text: string): string[] {
  const deltas: string[] = [];
  let seed = 7;
  for (let index = 0; index < text.length;) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const size = 1 + (seed % 7);
    deltas.push(text.slice(index, index + size));
    index += size;
  }
  return deltas;
}

function runningTotals(text: string): number[] {
  const counter = createTokenCounter();
  return deltasOf(text).map((delta) => counter.add(delta));
}

const prose = Array.from(
  { length: 400 },
  (_, index) => `Sentence ${index} says the quick brown fox jumps over the lazy dog, doesn't it?  Yes.\n`,
).join("");

describe("createTokenCounter", () => {
  it("matches encode(fullText).length exactly for text with spaces, over many small deltas", () => {
    const totals = runningTotals(prose);
    expect(totals.at(-1)).toBe(encode(prose).length);
    // The running total never goes backwards by more than a token (a tail may re-merge).
    for (let index = 1; index < totals.length; index++)
      expect((totals[index] ?? 0) - (totals[index - 1] ?? 0)).toBeGreaterThanOrEqual(-1);
  });

  it("equals encode(prefix).length after every delta, not only at the end", () => {
    const text = prose.slice(0, 3000);
    const counter = createTokenCounter();
    let prefix = "";
    for (const delta of deltasOf(text)) {
      prefix += delta;
      expect(counter.add(delta)).toBe(encode(prefix).length);
    }
  });

  it("stays within a small tolerance for text without spaces (CJK, emoji, minified code)", () => {
    const text = "数据流式传输令牌计数😀".repeat(300) + "function(a){return a.b.c.d(e,f)+g[h];}".repeat(100);
    const expected = encode(text).length;
    const total = runningTotals(text).at(-1) ?? 0;
    expect(Math.abs(total - expected)).toBeLessThanOrEqual(Math.ceil(expected * 0.02));
  });

  it("counts special-token text as plain text instead of throwing", () => {
    const counter = createTokenCounter();
    expect(counter.add("The <|endoftext|> marker")).toBeGreaterThan(3);
    expect(counter.total()).toBe(encode("The <|endoftext|> marker", { disallowedSpecial: new Set() }).length);
  });

  it("returns the unchanged total for an empty delta", () => {
    const counter = createTokenCounter();
    const total = counter.add("Hello world");
    expect(counter.add("")).toBe(total);
  });
});
