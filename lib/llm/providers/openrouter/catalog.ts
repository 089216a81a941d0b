import type { ProviderCatalogEntry } from "@/lib/llm/providers/catalog-entry";

export const openRouterCatalog = {
  label: "OpenRouter",
  defaultBaseUrl: "https://openrouter.ai/api/v1",
  baseUrlShape: "Include /api/v1.",
  headersHint: "OpenRouter reads HTTP-Referer and X-OpenRouter-Title for attribution. Sent with every request.",
  apiKey: { optional: false, hiddenUntilSet: false },
  reasoning: { style: "effort", hint: "OpenRouter passes it on to models that reason." },
  placeholders: { model: "openai/gpt-4o-mini", apiKey: "sk-or-…" },
  badgeTone: "violet",
  errorName: { by: "label" },
  // OpenRouter answers 403 when moderation flagged the input; elsewhere it is a key without rights.
  httpStatusCodes: { 403: "content_refused" },
} satisfies ProviderCatalogEntry;
