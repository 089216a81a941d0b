import { LlmRequestError } from "@/lib/llm/errors";
import { baseUrlProblem } from "@/lib/llm/outbound-policy";
import { anthropicAdapter } from "@/lib/llm/providers/anthropic/adapter";
import { catalogEntry, type ProviderName } from "@/lib/llm/providers/catalog";
import { customAdapter } from "@/lib/llm/providers/custom/adapter";
import { geminiAdapter } from "@/lib/llm/providers/gemini/adapter";
import { localAdapter } from "@/lib/llm/providers/local/adapter";
import { ollamaAdapter } from "@/lib/llm/providers/ollama/adapter";
import { openAIAdapter } from "@/lib/llm/providers/openai/adapter";
import { openRouterAdapter } from "@/lib/llm/providers/openrouter/adapter";
import type { ProviderAdapter } from "@/lib/llm/types";

// The server's half of the provider list (the isomorphic half is lib/llm/providers/catalog.ts):
// one adapter per provider, each in its own folder.

export const ADAPTERS = {
  openai: openAIAdapter,
  anthropic: anthropicAdapter,
  openrouter: openRouterAdapter,
  gemini: geminiAdapter,
  ollama: ollamaAdapter,
  local: localAdapter,
  custom: customAdapter,
} satisfies Record<ProviderName, ProviderAdapter>;

/** Thrown for a provider name this build does not know (e.g. a newer database enum value). */
export class UnknownProviderError extends Error {
  constructor(provider: string) {
    super(`Unknown provider "${provider}".`);
    this.name = "UnknownProviderError";
  }
}

/** The adapter that streams from `provider`. */
export function adapterFor(provider: ProviderName): ProviderAdapter {
  if (!Object.hasOwn(ADAPTERS, provider)) throw new UnknownProviderError(String(provider));
  return ADAPTERS[provider];
}

/**
 * The base URL to call: the configured one, else the provider's default. Trailing slashes go, and
 * so does a version or API path the SDK adds itself (the catalog's `sdkAddedPath`: Anthropic's
 * `/v1`, Ollama's `/api` or `/v1`). Throws LlmRequestError for a custom provider without a URL,
 * and for a URL saved before the outbound rules that they refuse (credentials, `?`, `#`, a
 * metadata address).
 */
export function resolveBaseUrl(provider: ProviderName, baseUrl: string | null): string {
  const entry = catalogEntry(provider);
  const given = baseUrl?.trim() || entry.defaultBaseUrl;
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
  const url = given.replace(/\/+$/, "");
  return entry.sdkAddedPath ? url.replace(entry.sdkAddedPath, "") : url;
}
