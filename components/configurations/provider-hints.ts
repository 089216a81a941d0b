import { DEFAULT_BASE_URLS, type ProviderName } from "@/lib/validation/providers";

// What the form says per provider: how its base URL is written, whether a key is usual, which
// extra headers matter (PROVIDERS.md).

const BASE_URL_SHAPE: Record<ProviderName, string> = {
  openai: "Include the version path, as the OpenAI SDK expects it.",
  anthropic: "Without /v1, as the Anthropic SDK expects it.",
  openrouter: "Include /api/v1.",
  ollama: "The server root, without /api.",
  local: "The OpenAI-compatible server, including /v1 (LM Studio, llama.cpp, vLLM…).",
  custom: "Required: the OpenAI-compatible server's URL, including /v1.",
};

export function baseUrlHint(provider: ProviderName): string {
  const fallback = DEFAULT_BASE_URLS[provider];
  return fallback ? `${BASE_URL_SHAPE[provider]} Empty means ${fallback}.` : BASE_URL_SHAPE[provider];
}

export function baseUrlPlaceholder(provider: ProviderName): string {
  return DEFAULT_BASE_URLS[provider] ?? "https://llm.example.com/v1";
}

/** Servers of these kinds usually run without a key. */
export function keyIsOptional(provider: ProviderName): boolean {
  return provider === "ollama" || provider === "local" || provider === "custom";
}

export function headersHint(provider: ProviderName): string {
  if (provider === "openrouter")
    return "OpenRouter reads HTTP-Referer and X-OpenRouter-Title for attribution. Sent with every request.";
  if (provider === "custom")
    return "For example the team or routing header a gateway expects. Sent with every request.";
  return "Sent with every request to the provider.";
}
