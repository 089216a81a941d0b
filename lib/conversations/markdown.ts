import type { PublicConversation } from "@/lib/contracts/conversations";
import { safeMarkdownBlock, safeMarkdownInline } from "@/lib/conversations/markdown-text";

type PublicMessage = PublicConversation["messages"][number];

const ROLE_HEADINGS: Record<PublicMessage["role"], string> = { system: "System", user: "User", assistant: "Assistant" };

// A fence longer than any backtick run in the text, so code inside a turn cannot close it.
function fenceFor(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  return "`".repeat(longest + 1);
}

function metaLine(message: PublicMessage): string | null {
  if (message.role !== "assistant") return null;
  const { usage, metrics } = message;
  const parts = [
    message.status,
    usage.promptTokens !== null ? `${usage.promptTokens} prompt tokens` : null,
    usage.completionTokens !== null
      ? `${usage.completionTokens} completion tokens`
      : usage.estimatedTokens !== null
        ? `≈${usage.estimatedTokens} completion tokens (estimate)`
        : null,
    usage.reasoningTokens ? `${usage.reasoningTokens} reasoning tokens` : null,
    metrics.ttftMs !== null ? `first token ${metrics.ttftMs} ms` : null,
    metrics.durationMs !== null ? `${(metrics.durationMs / 1000).toFixed(2)} s` : null,
    message.error ? `error ${message.error.code}: ${message.error.message ?? ""}`.trim() : null,
  ].filter((part): part is string => part !== null);
  return `_${safeMarkdownInline(parts.join(" · "))}_`;
}

/**
 * The conversation as Markdown: a heading per turn, reasoning in a collapsible block, numbers
 * under each reply. Its text is escaped for viewers that render HTML (markdown-text.ts).
 */
export function toMarkdown(conversation: PublicConversation, exportedAt: Date): string {
  const configuration = conversation.configuration;
  const lines = [
    `# ${safeMarkdownInline(conversation.title)}`,
    "",
    `- Configuration: ${configuration ? safeMarkdownInline(`${configuration.name} (${configuration.provider} · ${configuration.model})`) : "deleted"}`,
    `- Created: ${conversation.createdAt}`,
    ...(conversation.importedAt
      ? [`- Imported: ${conversation.importedAt} (turns, times and usage as the file gave them)`]
      : []),
    `- Exported: ${exportedAt.toISOString()}`,
    "",
  ];
  if (conversation.systemPrompt) lines.push("## System prompt", "", safeMarkdownBlock(conversation.systemPrompt), "");
  for (const message of conversation.messages) {
    lines.push(`## ${ROLE_HEADINGS[message.role]}`, "");
    if (message.reasoning) {
      const fence = fenceFor(message.reasoning);
      // A line break a renderer sees (\r too) is one here, so the fence's length holds.
      lines.push(
        "<details><summary>Thinking</summary>",
        "",
        `${fence}text`,
        message.reasoning.replace(/\r\n?/g, "\n"),
        fence,
        "",
        "</details>",
        "",
      );
    }
    lines.push(message.content === "" ? "_(no text)_" : safeMarkdownBlock(message.content), "");
    const meta = metaLine(message);
    if (meta) lines.push(meta, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
