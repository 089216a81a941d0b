import type { ProviderCatalogEntry } from "@/lib/llm/providers/catalog-entry";

export const openAICatalog = {
  label: "OpenAI",
  defaultBaseUrl: "https://api.openai.com/v1",
  baseUrlShape: "Include the version path, as the OpenAI SDK expects it.",
  headersHint: "Sent with every request to the provider.",
  apiKey: { optional: false, hiddenUntilSet: false },
  reasoning: {
    style: "effort",
    hint: "for reasoning models (o-series, GPT-5). OpenAI counts the reasoning but does not stream it.",
  },
  placeholders: { model: "gpt-4o-mini", apiKey: "sk-…" },
  badgeTone: "emerald",
  errorName: { by: "label" },
} satisfies ProviderCatalogEntry;
