import type { PublicConversation } from "@/lib/conversations/export-file";

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
    usage.completionTokens !== null ? `${usage.completionTokens} completion tokens` : usage.estimatedTokens !== null ? `≈${usage.estimatedTokens} completion tokens (estimate)` : null,
    usage.reasoningTokens ? `${usage.reasoningTokens} reasoning tokens` : null,
    metrics.ttftMs !== null ? `first token ${metrics.ttftMs} ms` : null,
    metrics.durationMs !== null ? `${(metrics.durationMs / 1000).toFixed(2)} s` : null,
    message.error ? `error ${message.error.code}: ${message.error.message ?? ""}`.trim() : null,
  ].filter((part): part is string => part !== null);
  return `_${parts.join(" · ")}_`;
}

/** The conversation as Markdown: a heading per turn, reasoning in a collapsible block, numbers under each reply. */
export function toMarkdown(conversation: PublicConversation, exportedAt: Date): string {
  const configuration = conversation.configuration;
  const lines = [
    `# ${conversation.title}`,
    "",
    `- Configuration: ${configuration ? `${configuration.name} (${configuration.provider} · ${configuration.model})` : "deleted"}`,
    `- Created: ${conversation.createdAt}`,
    `- Exported: ${exportedAt.toISOString()}`,
    "",
  ];
  if (conversation.systemPrompt) lines.push("## System prompt", "", conversation.systemPrompt, "");
  for (const message of conversation.messages) {
    lines.push(`## ${ROLE_HEADINGS[message.role]}`, "");
    if (message.reasoning) {
      const fence = fenceFor(message.reasoning);
      lines.push("<details><summary>Thinking</summary>", "", `${fence}text`, message.reasoning, fence, "", "</details>", "");
    }
    lines.push(message.content === "" ? "_(no text)_" : message.content, "");
    const meta = metaLine(message);
    if (meta) lines.push(meta, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
