import type { ProviderCatalogEntry } from "@/lib/llm/providers/catalog-entry";

export const anthropicCatalog = {
  label: "Anthropic",
  defaultBaseUrl: "https://api.anthropic.com",
  // The SDK adds /v1 to every path.
  sdkAddedPath: /\/v1$/,
  baseUrlShape: "Without /v1, as the Anthropic SDK expects it.",
  headersHint: "Sent with every request to the provider.",
  apiKey: { optional: false, hiddenUntilSet: false },
  reasoning: {
    style: "budget",
    hint: "Thinking budget: at least 1,024 tokens, added on top of max tokens. Empty turns thinking off.",
  },
  placeholders: { model: "claude-sonnet-4-5", apiKey: "sk-ant-…" },
  badgeTone: "orange",
  errorName: { by: "label" },
} satisfies ProviderCatalogEntry;
