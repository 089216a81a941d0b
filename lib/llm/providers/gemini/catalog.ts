import type { ProviderCatalogEntry } from "@/lib/llm/providers/catalog-entry";

export const geminiCatalog = {
  label: "Google Gemini",
  defaultBaseUrl: "https://generativelanguage.googleapis.com",
  // The SDK adds the API version (v1beta) to every path.
  sdkAddedPath: /\/v1(beta)?$/,
  baseUrlShape: "Without /v1beta, as the Google Gen AI SDK expects it.",
  headersHint: "Sent with every request to the provider.",
  apiKey: { optional: false, hiddenUntilSet: false },
  reasoning: {
    style: "budget",
    hint: "Thinking budget in tokens, added on top of max tokens; the thoughts are shown. Empty leaves the model's default (Gemini 2.5 thinks without showing it).",
  },
  placeholders: { model: "gemini-2.5-flash", apiKey: "AIza…" },
  badgeTone: "blue",
  errorName: { by: "label" },
} satisfies ProviderCatalogEntry;
