import { describe, expect, it } from "vitest";
import { parseBlocks, parseInline } from "@/components/run/rich-text-parse";

describe("parseBlocks", () => {
  it("splits paragraphs on blank lines and keeps single line breaks inside them", () => {
    expect(parseBlocks("one\ntwo\n\nthree")).toEqual([
      { kind: "paragraph", text: "one\ntwo" },
      { kind: "paragraph", text: "three" },
    ]);
  });

  it("reads a fenced code block with its language, verbatim", () => {
    expect(parseBlocks("Look:\n```ts\nconst a = **b**;\n\nlet c;\n```\nDone.")).toEqual([
      { kind: "paragraph", text: "Look:" },
      { kind: "code", language: "ts", code: "const a = **b**;\n\nlet c;", closed: true },
      { kind: "paragraph", text: "Done." },
    ]);
  });

  it("keeps a fence that is still streaming open to the end", () => {
    expect(parseBlocks("```python\nprint(1)\nprint(")).toEqual([
      { kind: "code", language: "python", code: "print(1)\nprint(", closed: false },
    ]);
  });

  it("reads headings and bullet and numbered lists", () => {
    expect(parseBlocks("## Steps\n1. first\n2. second\n\n- a\n* b")).toEqual([
      { kind: "heading", level: 2, text: "Steps" },
      { kind: "list", ordered: true, start: 1, items: ["first", "second"] },
      { kind: "list", ordered: false, start: 1, items: ["a", "b"] },
    ]);
  });

  it("treats markup-looking text as text: nothing becomes HTML", () => {
    expect(parseBlocks("<script>alert(1)</script>")).toEqual([
      { kind: "paragraph", text: "<script>alert(1)</script>" },
    ]);
  });
});

describe("parseInline", () => {
  it("finds inline code, bold and italics", () => {
    expect(parseInline("Use `npm i` **now**, *please* and _soon_.")).toEqual([
      { kind: "text", text: "Use " },
      { kind: "code", text: "npm i" },
      { kind: "text", text: " " },
      { kind: "strong", children: [{ kind: "text", text: "now" }] },
      { kind: "text", text: ", " },
      { kind: "em", children: [{ kind: "text", text: "please" }] },
      { kind: "text", text: " and " },
      { kind: "em", children: [{ kind: "text", text: "soon" }] },
      { kind: "text", text: "." },
    ]);
  });

  it("leaves an unclosed marker (mid-stream) and snake_case words alone", () => {
    expect(parseInline("so **bol")).toEqual([{ kind: "text", text: "so **bol" }]);
    expect(parseInline("call snake_case_name now")).toEqual([{ kind: "text", text: "call snake_case_name now" }]);
    expect(parseInline("2 * 3 * 4")).toEqual([{ kind: "text", text: "2 * 3 * 4" }]);
  });

  it("nests italics inside bold", () => {
    expect(parseInline("**a *b* c**")).toEqual([
      {
        kind: "strong",
        children: [
          { kind: "text", text: "a " },
          { kind: "em", children: [{ kind: "text", text: "b" }] },
          { kind: "text", text: " c" },
        ],
      },
    ]);
  });
});
