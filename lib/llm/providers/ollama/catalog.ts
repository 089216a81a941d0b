import type { ProviderCatalogEntry } from "@/lib/llm/providers/catalog-entry";

export const ollamaCatalog = {
  label: "Ollama",
  defaultBaseUrl: "http://localhost:11434",
  // The adapter adds /api; /v1 is Ollama's OpenAI-compatible root, pasted by habit.
  sdkAddedPath: /\/(api|v1)$/,
  baseUrlShape: "The server root, without /api.",
  headersHint: "Sent with every request to the provider.",
  // A key only behind a proxy or on Ollama's cloud: the field stays out of the way until one is set.
  apiKey: { optional: true, hiddenUntilSet: true },
  reasoning: { style: "effort", hint: "sent as Ollama's think level, for models that think." },
  placeholders: { model: "qwen3:8b", apiKey: "only if the server asks for one" },
  badgeTone: "slate",
  errorName: { by: "host", prefix: "Ollama at" },
} satisfies ProviderCatalogEntry;
