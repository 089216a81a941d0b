import { describe, expect, it } from "vitest";
import { exportFileName, toConversationFile } from "@/lib/conversations/export-file";
import type { PublicConversation } from "@/lib/contracts/conversations";
import { importRows } from "@/lib/conversations/import-data";
import { toMarkdown } from "@/lib/conversations/markdown";
import { conversationFileSchema } from "@/lib/validation/conversation-file";

const EXPORTED_AT = new Date("2026-11-27T10:00:00.000Z");

function message(overrides: Partial<PublicConversation["messages"][number]>): PublicConversation["messages"][number] {
  return {
    id: 1,
    runId: null,
    author: null,
    role: "user",
    content: "",
    reasoning: null,
    status: "complete",
    error: null,
    finishReason: null,
    configurationId: 7,
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
    createdAt: "2026-11-26T09:00:00.000Z",
    finishedAt: null,
    ...overrides,
  };
}

const conversation: PublicConversation = {
  id: 42,
  title: "Café questions: ```code``` & more",
  origin: "chat",
  originConversationId: null,
  systemPrompt: "Be brief.",
  params: { temperature: 0.2 },
  configuration: { id: 7, slug: "team-openai", name: "Team OpenAI", provider: "openai", model: "gpt-4o-mini" },
  createdById: 3,
  importedAt: null,
  createdAt: "2026-11-26T09:00:00.000Z",
  updatedAt: "2026-11-26T09:05:00.000Z",
  messages: [
    message({ id: 10, role: "user", content: "What is a café?" }),
    message({
      id: 11,
      role: "assistant",
      content: "A place for coffee ☕.\n\n```js\nconsole.log(1)\n```",
      reasoning: "They ask about ``` fences",
      finishReason: "stop",
      params: { temperature: 0.2 },
      usage: {
        promptTokens: 12,
        completionTokens: 9,
        reasoningTokens: 3,
        cachedTokens: 0,
        estimatedTokens: 8,
        source: "provider",
      },
      metrics: { ttftMs: 120, durationMs: 900 },
      timeline: [
        [120, 5, 1],
        [300, 20],
        [880, 28],
      ],
      finishedAt: "2026-11-26T09:00:01.000Z",
    }),
    message({ id: 12, role: "user", content: "And a second one?", configurationId: 99 }),
    message({ id: 13, role: "assistant", content: "Half a rep", status: "streaming", configurationId: 99 }),
  ],
};

describe("the JSON export", () => {
  it("survives a round trip through JSON and the import schema with every turn, usage, metric and timeline", () => {
    const text = JSON.stringify(toConversationFile(conversation, EXPORTED_AT));
    const parsed = conversationFileSchema.parse(JSON.parse(text));
    expect(parsed.conversation.messages).toHaveLength(4);
    expect(text).not.toContain('"id":10');

    const importedAt = new Date("2026-12-01T08:00:00.000Z");
    const rows = importRows({ file: parsed, configurationId: 3, userId: 5, importedAt });
    // The file's origin stays, and the conversation says it came from a file.
    expect(rows.conversation).toMatchObject({
      title: conversation.title,
      origin: "chat",
      systemPrompt: "Be brief.",
      params: { temperature: 0.2 },
      configurationId: 3,
      createdById: 5,
      importedAt,
    });
    expect(rows.messages.map((row) => [row.role, row.content, row.status])).toEqual([
      ["user", "What is a café?", "complete"],
      ["assistant", conversation.messages[1]?.content, "complete"],
      ["user", "And a second one?", "complete"],
      // Nothing streams it here any more.
      ["assistant", "Half a rep", "aborted"],
    ]);
    expect(rows.messages[1]).toMatchObject({
      reasoning: "They ask about ``` fences",
      promptTokens: 12,
      completionTokens: 9,
      reasoningTokens: 3,
      cachedTokens: 0,
      estimatedTokens: 8,
      usageSource: "provider",
      ttftMs: 120,
      durationMs: 900,
      finishReason: "stop",
      timeline: [
        [120, 5, 1],
        [300, 20],
        [880, 28],
      ],
      createdAt: new Date("2026-11-26T09:00:00.000Z"),
      finishedAt: new Date("2026-11-26T09:00:01.000Z"),
    });
    // The configuration maps to this server's match; another one is unknown here.
    expect(rows.messages.map((row) => row.configurationId)).toEqual([3, 3, null, null]);
    expect(rows.messages[3]?.finishedAt).toBeInstanceOf(Date);
  });

  it("names the download after the title, in plain letters", () => {
    expect(exportFileName(conversation, "json")).toBe("conversation-42-cafe-questions-code-more.json");
    expect(exportFileName({ id: 3, title: "🚀🚀" }, "md")).toBe("conversation-3.md");
  });
});

describe("the import schema", () => {
  const valid = JSON.parse(JSON.stringify(toConversationFile(conversation, EXPORTED_AT))) as Record<string, unknown>;

  it("refuses files that are not an export, with a message that says so", () => {
    const notExport = conversationFileSchema.safeParse({ hello: "world" });
    expect(notExport.success).toBe(false);
    expect(notExport.error?.issues[0]?.message).toMatch(/not an LLM Manager conversation export/);
    expect(conversationFileSchema.safeParse({ ...valid, version: 2 }).success).toBe(false);
  });

  it("refuses bad turns field by field", () => {
    const withMessage = (patch: Record<string, unknown>) => {
      const copy = structuredClone(valid) as { conversation: { messages: Array<Record<string, unknown>> } };
      copy.conversation.messages[1] = { ...copy.conversation.messages[1], ...patch };
      return conversationFileSchema.safeParse(copy);
    };
    expect(withMessage({ role: "robot" }).error?.issues[0]?.path).toEqual(["conversation", "messages", 1, "role"]);
    expect(withMessage({ timeline: [[1, 2, 3]] }).success).toBe(false);
    expect(withMessage({ usage: { promptTokens: -1 } }).success).toBe(false);
    expect(withMessage({ createdAt: "yesterday" }).success).toBe(false);
  });

  it("refuses deeply nested parameters without recursing into them", () => {
    let nested: unknown = "leaf";
    for (let depth = 0; depth < 50_000; depth += 1) nested = { nested };
    const copy = structuredClone(valid) as { conversation: { params: unknown } };
    copy.conversation.params = { deep: nested };
    const parsed = conversationFileSchema.safeParse(copy);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["conversation", "params", "deep"]);
  });
});

describe("the Markdown export", () => {
  it("has a heading per turn, the numbers under each reply, and fences that code cannot close", () => {
    const markdown = toMarkdown(conversation, EXPORTED_AT);
    expect(markdown.startsWith("# Café questions")).toBe(true);
    expect(markdown).toContain("- Configuration: Team OpenAI (openai · gpt-4o-mini)");
    expect(markdown).toContain("## System prompt\n\nBe brief.");
    expect(markdown.match(/^## (User|Assistant)$/gm)).toEqual(["## User", "## Assistant", "## User", "## Assistant"]);
    expect(markdown).toContain("What is a café?");
    expect(markdown).toContain(
      "_complete · 12 prompt tokens · 9 completion tokens · 3 reasoning tokens · first token 120 ms · 0.90 s_",
    );
    expect(markdown).toContain("````text\nThey ask about ``` fences\n````");
  });
});
