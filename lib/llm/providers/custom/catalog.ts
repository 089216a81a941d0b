import type { ProviderCatalogEntry } from "@/lib/llm/providers/catalog-entry";

export const customCatalog = {
  label: "Custom (OpenAI-compatible)",
  // A custom server has no default: its URL must be given.
  defaultBaseUrl: null,
  baseUrlShape: "Required: the OpenAI-compatible server's URL, including /v1.",
  headersHint: "For example the team or routing header a gateway expects. Sent with every request.",
  apiKey: { optional: true, hiddenUntilSet: false },
  reasoning: { style: "none", hint: "Custom OpenAI-compatible servers get no reasoning option." },
  placeholders: { model: "the model id your server expects", apiKey: "sk-…" },
  badgeTone: "pink",
  errorName: { by: "host", prefix: "The server at" },
} satisfies ProviderCatalogEntry;
