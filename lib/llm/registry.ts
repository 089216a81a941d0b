import { LlmRequestError } from "@/lib/llm/errors";
import { baseUrlProblem } from "@/lib/llm/outbound-policy";
import { anthropicAdapter } from "@/lib/llm/providers/anthropic";
import { ollamaAdapter } from "@/lib/llm/providers/ollama";
import { openAICompatibleAdapter } from "@/lib/llm/providers/openai-compatible";
import { openRouterAdapter } from "@/lib/llm/providers/openrouter";
import type { ProviderAdapter } from "@/lib/llm/types";
import { DEFAULT_BASE_URLS, type ProviderName } from "@/lib/validation/providers";

/** Thrown for a provider name this build does not know (e.g. a newer database enum value). */
export class UnknownProviderError extends Error {
  constructor(provider: string) {
    super(`Unknown provider "${provider}".`);
    this.name = "UnknownProviderError";
  }
}

/** The adapter that streams from `provider`. */
export function adapterFor(provider: ProviderName): ProviderAdapter {
  switch (provider) {
    case "openai":
    case "local":
    case "custom":
      return openAICompatibleAdapter;
    case "openrouter":
      return openRouterAdapter;
    case "anthropic":
      return anthropicAdapter;
    case "ollama":
      return ollamaAdapter;
    default: {
      const unknown: never = provider;
      throw new UnknownProviderError(String(unknown));
    }
  }
}

/**
 * The base URL to call: the configured one, else the provider's default. Trailing slashes go, and
 * so does a version or API path the SDK adds itself (Anthropic's `/v1`, Ollama's `/api` or `/v1`).
 * Throws LlmRequestError for a custom provider without a URL, and for a URL saved before the
 * outbound rules that they refuse (credentials, `?`, `#`, a metadata address).
 */
export function resolveBaseUrl(provider: ProviderName, baseUrl: string | null): string {
  const given = baseUrl?.trim() || DEFAULT_BASE_URLS[provider];
  if (!given) {
    throw new LlmRequestError({
      code: "invalid_request",
      message:
        "This configuration has no base URL. Edit it and enter the server's URL (for example https://llm.example.com/v1).",
    });
  }
  const problem = baseUrlProblem(given);
  if (problem) {
    throw new LlmRequestError({
      code: "invalid_request",
      message: `This configuration's ${problem}. Edit its base URL.`,
    });
  }
  let url = given.replace(/\/+$/, "");
  if (provider === "anthropic") url = url.replace(/\/v1$/, "");
  if (provider === "ollama") url = url.replace(/\/(api|v1)$/, "");
  return url;
}
