import { anthropicCatalog } from "@/lib/llm/providers/anthropic/catalog";
import type { ProviderCatalogEntry } from "@/lib/llm/providers/catalog-entry";
import { customCatalog } from "@/lib/llm/providers/custom/catalog";
import { geminiCatalog } from "@/lib/llm/providers/gemini/catalog";
import { localCatalog } from "@/lib/llm/providers/local/catalog";
import { ollamaCatalog } from "@/lib/llm/providers/ollama/catalog";
import { openAICatalog } from "@/lib/llm/providers/openai/catalog";
import { openRouterCatalog } from "@/lib/llm/providers/openrouter/catalog";

// Every provider an admin can configure, and what the app knows about each (catalog-entry.ts).
// Isomorphic: the browser imports it. The server's half is lib/llm/registry.ts; a provider missing
// from either is a compile error.

/** Every provider, in display order; the database enum (prisma/schema.prisma) has the same values. */
export const PROVIDERS = ["openai", "anthropic", "openrouter", "gemini", "ollama", "local", "custom"] as const;

export type ProviderName = (typeof PROVIDERS)[number];

/** True for one of our providers' ids (a select's value, a query parameter). */
export function isProviderName(value: string): value is ProviderName {
  return PROVIDERS.some((name) => name === value);
}

export const PROVIDER_CATALOG = {
  openai: openAICatalog,
  anthropic: anthropicCatalog,
  openrouter: openRouterCatalog,
  gemini: geminiCatalog,
  ollama: ollamaCatalog,
  local: localCatalog,
  custom: customCatalog,
} satisfies Record<ProviderName, ProviderCatalogEntry>;

/** One provider's catalog entry, typed as the general entry (optional fields and all). */
export function catalogEntry(provider: ProviderName): ProviderCatalogEntry {
  return PROVIDER_CATALOG[provider];
}

/** The form's hint under the base URL: how it is written, and what an empty field means. */
export function baseUrlHint(provider: ProviderName): string {
  const { baseUrlShape, defaultBaseUrl } = catalogEntry(provider);
  return defaultBaseUrl ? `${baseUrlShape} Empty means ${defaultBaseUrl}.` : baseUrlShape;
}

export function baseUrlPlaceholder(provider: ProviderName): string {
  return catalogEntry(provider).defaultBaseUrl ?? "https://llm.example.com/v1";
}
