/** Every provider an admin can configure, in display order. */
export const PROVIDERS = ["openai", "anthropic", "openrouter", "ollama", "local", "custom"] as const;

export type ProviderName = (typeof PROVIDERS)[number];

export const PROVIDER_LABELS: Record<ProviderName, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  openrouter: "OpenRouter",
  ollama: "Ollama",
  local: "Local (OpenAI-compatible)",
  custom: "Custom (OpenAI-compatible)",
};

// The base URL each official SDK expects when the field is left empty (DESIGN.md). A custom
// server has no default: its URL must be given.
export const DEFAULT_BASE_URLS: Record<ProviderName, string | null> = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
  openrouter: "https://openrouter.ai/api/v1",
  ollama: "http://localhost:11434",
  local: "http://localhost:1234/v1",
  custom: null,
};
