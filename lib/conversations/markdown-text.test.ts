import { describe, expect, it } from "vitest";
import type { PublicConversation } from "@/lib/contracts/conversations";
import { toMarkdown } from "@/lib/conversations/markdown";
import { safeMarkdownBlock, safeMarkdownInline } from "@/lib/conversations/markdown-text";

// Outside code, no `<` may survive (no tag, autolink or HTML block can open) and no link may
// point at a script or data URL, whatever the renderer's HTML setting.
function assertInert(markdown: string): void {
  const outsideFences = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, "");
  expect(outsideFences).not.toMatch(/</);
  expect(markdown).not.toMatch(/\]\(\s*(?:javascript|vbscript|data):/i);
  expect(markdown).not.toMatch(/\]:\s*(?:javascript|vbscript|data):/i);
}

describe("text in a Markdown export", () => {
  it("turns the review's payloads into visible text", () => {
    const payload = [
      '<img src=x onerror="alert(1)">',
      "<script>alert(document.cookie)</script>",
      "[x](javascript:alert(1))",
      "<svg onload=alert(1)>",
      "AT&T > 3",
    ].join("\n\n");
    const safe = safeMarkdownBlock(payload);
    expect(safe).toBe(
      [
        '&lt;img src=x onerror="alert(1)"&gt;',
        "&lt;script&gt;alert(document.cookie)&lt;/script&gt;",
        "[x](unsafe:javascript:alert(1))",
        "&lt;svg onload=alert(1)&gt;",
        "AT&amp;T &gt; 3",
      ].join("\n\n"),
    );
    assertInert(safe);
  });

  it("neutralises script and data links in every spelling a renderer would follow", () => {
    const links = [
      "[a](JavaScript:alert(1))",
      "[a]( \n vbscript:msgbox(1))",
      "![i](data:image/svg+xml;base64,PHN2Zz4=)",
      "[a](javascript\\:alert(1))",
      "[ref]: javascript:alert(1)",
      "[ref]:\n  data:text/html,hi",
      "[a](<javascript:alert(1)>)",
      "<javascript:alert(1)>",
      "[a](&#106;avascript:alert(1))",
    ];
    for (const link of links) {
      const safe = safeMarkdownBlock(link);
      assertInert(safe);
      expect(safe, link).not.toMatch(/\]\(\s*(?:javascript|vbscript|data)\\?:/i);
    }
    expect(safeMarkdownBlock("[a](javascript\\:alert(1))")).toBe("[a](unsafe:javascript\\:alert(1))");
    // Entities in destinations are decoded by renderers: the escaped `&` keeps this one literal.
    expect(safeMarkdownBlock("[a](&#106;avascript:x)")).toBe("[a](&amp;#106;avascript:x)");
    // Ordinary links and prose stay as written.
    expect(safeMarkdownBlock("See [the docs](https://example.test/a_(b)) and the data: it holds.")).toBe(
      "See [the docs](https://example.test/a_(b)) and the data: it holds.",
    );
  });

  it("keeps fenced code as written, and block quotes as quotes", () => {
    const code = "Run this:\n\n```html\n<b>bold</b> && echo <ok>\n```\n\n> quoted <i>\n>> nested";
    expect(safeMarkdownBlock(code)).toBe(
      "Run this:\n\n```html\n<b>bold</b> && echo <ok>\n```\n\n> quoted &lt;i&gt;\n>> nested",
    );
    // An indented fence (inside a list item) is written from the line start, its lines unchanged.
    expect(safeMarkdownBlock("1. Install:\n   ```sh\n   npm i <pkg>\n   ```\n2. Done")).toBe(
      "1. Install:\n```sh\n   npm i <pkg>\n```\n2. Done",
    );
    expect(safeMarkdownBlock("~~~\n<x>\n~~~~")).toBe("~~~\n<x>\n~~~");
  });

  it("lets no fence it did not open close one, and closes what the text left open", () => {
    // A fence inside a list item or quote (markers on the same line) is not a fence here: its
    // backticks are escaped. Its "closing" line then opens a fence of its own, written from the
    // line start so every renderer agrees, and the HTML after it stays inside that fence.
    const safe = safeMarkdownBlock("- ```\n  code\n  ```\n<img src=x onerror=alert(1)>");
    expect(safe).toBe("- \\```\n  code\n```\n<img src=x onerror=alert(1)>\n```");
    assertInert(safe);
    expect(safeMarkdownBlock("> ```\n<script>x</script>")).toBe("> \\```\n&lt;script&gt;x&lt;/script&gt;");
    // A backtick fence whose info string holds a backtick is text in CommonMark.
    expect(safeMarkdownBlock("``` a`b\n<img onerror=x>")).toBe("\\``` a`b\n&lt;img onerror=x&gt;");
    // A line break is a line break whatever its spelling: a \r cannot hide a fence line.
    expect(safeMarkdownBlock("```\r<b>x</b>\r```\r<img onerror=x>")).toBe("```\n<b>x</b>\n```\n&lt;img onerror=x&gt;");
    // Left open: closed at the end, so the next heading of the export is not swallowed.
    expect(safeMarkdownBlock("```js\nlet a = 1 <")).toBe("```js\nlet a = 1 <\n```");
    // Four spaces of indentation make indented code in CommonMark, not a fence: escaped text.
    expect(safeMarkdownBlock("    ```\n<img onerror=x>")).toBe("    \\```\n&lt;img onerror=x&gt;");
  });

  it("puts a single line where a heading or list item expects one", () => {
    expect(safeMarkdownInline("Title <b>\n```\n[x](javascript:y)")).toBe(
      "Title &lt;b&gt; \\``` [x](unsafe:javascript:y)",
    );
  });
});

describe("the Markdown export of a hostile conversation", () => {
  it("carries every payload as text, and says when the conversation was imported", () => {
    const conversation: PublicConversation = {
      id: 9,
      title: "<img src=x onerror=alert('title')>",
      origin: "chat",
      originConversationId: null,
      systemPrompt: "<script>alert('system')</script>",
      params: {},
      configuration: { id: 1, slug: "c", name: "<b onmouseover=alert(1)>Conf</b>", provider: "openai", model: "gpt" },
      createdById: null,
      importedAt: "2026-12-01T08:00:00.000Z",
      createdAt: "2026-11-30T08:00:00.000Z",
      updatedAt: "2026-11-30T08:00:00.000Z",
      messages: [
        {
          id: 1,
          runId: null,
          author: null,
          role: "user",
          content: "[click](javascript:alert(document.domain))\n\n```\nunclosed <b>",
          reasoning: null,
          status: "complete",
          error: null,
          finishReason: null,
          configurationId: 1,
          params: null,
          usage: {
            promptTokens: null,
            completionTokens: null,
            reasoningTokens: null,
            cachedTokens: null,
            estimatedTokens: null,
            source: null,
          },
          metrics: { ttftMs: null, durationMs: null },
          timeline: null,
          createdAt: "2026-11-30T08:00:00.000Z",
          finishedAt: null,
        },
        {
          id: 2,
          runId: null,
          author: null,
          role: "assistant",
          content: "```\n<svg onload=alert(2)>",
          reasoning: "think </details><img src=x onerror=alert(3)>",
          status: "error",
          error: { code: "upstream_error", message: "<img src=x onerror=alert(4)>" },
          finishReason: null,
          configurationId: 1,
          params: null,
          usage: {
            promptTokens: null,
            completionTokens: null,
            reasoningTokens: null,
            cachedTokens: null,
            estimatedTokens: null,
            source: null,
          },
          metrics: { ttftMs: null, durationMs: null },
          timeline: null,
          createdAt: "2026-11-30T08:00:01.000Z",
          finishedAt: null,
        },
      ],
    };
    const markdown = toMarkdown(conversation, new Date("2026-12-01T09:00:00.000Z"));
    expect(markdown).toContain("# &lt;img src=x onerror=alert('title')&gt;");
    expect(markdown).toContain("&lt;script&gt;alert('system')&lt;/script&gt;");
    expect(markdown).toContain("[click](unsafe:javascript:alert(document.domain))");
    expect(markdown).toContain("- Imported: 2026-12-01T08:00:00.000Z");
    expect(markdown).toContain("_error · error upstream_error: &lt;img src=x onerror=alert(4)&gt;_");
    // The first turn's open fence is closed before the next heading, which stays a heading.
    expect(markdown).toContain("```\nunclosed <b>\n```\n\n## Assistant");
    // Only the export's own <details> block and fenced code hold a raw `<`.
    const outside = markdown
      .replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, "")
      .replace(/<details><summary>Thinking<\/summary>|<\/details>/g, "");
    expect(outside).not.toMatch(/</);
  });
});
