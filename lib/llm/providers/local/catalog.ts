import type { ProviderCatalogEntry } from "@/lib/llm/providers/catalog-entry";

export const localCatalog = {
  label: "Local (OpenAI-compatible)",
  defaultBaseUrl: "http://localhost:1234/v1",
  baseUrlShape: "The OpenAI-compatible server, including /v1 (LM Studio, llama.cpp, vLLM…).",
  headersHint: "Sent with every request to the provider.",
  apiKey: { optional: true, hiddenUntilSet: false },
  reasoning: { style: "none", hint: "Local OpenAI-compatible servers get no reasoning option." },
  placeholders: { model: "llama-3.1-8b-instruct", apiKey: "only if the server asks for one" },
  badgeTone: "sky",
  errorName: { by: "host", prefix: "The server at" },
} satisfies ProviderCatalogEntry;
