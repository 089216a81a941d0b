// Configurations pointing at the e2e simulator, one per provider, each with its own request tag.
import type { APIRequestContext } from "@playwright/test";
import { signedInContext, unique } from "./api-session";
import { ADMIN_EMAIL, ADMIN_PASSWORD, SIMULATOR_KEY } from "./credentials";
import { SIMULATOR_URL } from "./simulator-control";
import { configurationAnswerSchema } from "../../lib/contracts/configurations";
import { readAnswer } from "./api";

export const PROVIDER_BASE_PATHS = {
  openai: "/openai/v1",
  anthropic: "/anthropic",
  openrouter: "/openrouter/api/v1",
  ollama: "/ollama",
  gemini: "/gemini",
  local: "/local/v1",
  custom: "/custom/v1",
} as const;

export type ProviderName = keyof typeof PROVIDER_BASE_PATHS;

const MODELS: Record<ProviderName, string> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-sonnet-5",
  openrouter: "deepseek/deepseek-r1",
  ollama: "qwen3:8b",
  gemini: "gemini-2.5-flash",
  local: "llama-3.1-8b-instruct",
  custom: "gateway-default",
};

/** Creates an active configuration on the simulator; `scenario` is appended to the model as `~scenario`. */
export async function simulatedConfiguration(
  admin: APIRequestContext,
  {
    provider,
    scenario,
    firstTokenTimeoutMs,
    totalTimeoutMs,
    simulatorUrl = SIMULATOR_URL,
  }: {
    provider: ProviderName;
    scenario?: string;
    firstTokenTimeoutMs?: number;
    totalTimeoutMs?: number;
    simulatorUrl?: string;
  },
): Promise<{ id: number; slug: string; tag: string }> {
  const tag = unique(`${provider}-${scenario ?? "normal"}`);
  const response = await admin.post("/api/configurations", {
    data: {
      name: `Sim ${provider} ${scenario ?? ""}`.trim(),
      slug: tag
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, "-")
        .replace(/-+/g, "-"),
      provider,
      model: scenario ? `${MODELS[provider]}~${scenario}` : MODELS[provider],
      baseUrl: `${simulatorUrl}${PROVIDER_BASE_PATHS[provider]}`,
      apiKey: provider === "ollama" || provider === "local" ? undefined : SIMULATOR_KEY,
      extraHeaders: { "X-Simulator-Tag": tag },
      ...(firstTokenTimeoutMs ? { firstTokenTimeoutMs } : {}),
      ...(totalTimeoutMs ? { totalTimeoutMs } : {}),
    },
  });
  if (response.status() !== 201)
    throw new Error(`creating the configuration failed: ${response.status()} ${await response.text()}`);
  const { configuration } = await readAnswer(response, configurationAnswerSchema);
  return { id: configuration.id, slug: configuration.slug, tag };
}

/**
 * Several simulator configurations created through a fresh admin session (a context kept across
 * tests can send on a keep-alive socket the server is just closing).
 */
export async function simulatedConfigurations(
  options: Array<Parameters<typeof simulatedConfiguration>[1]>,
): Promise<Array<Awaited<ReturnType<typeof simulatedConfiguration>>>> {
  const context = await signedInContext(ADMIN_EMAIL, ADMIN_PASSWORD);
  try {
    const created = [];
    for (const option of options) created.push(await simulatedConfiguration(context, option));
    return created;
  } finally {
    await context.dispose();
  }
}

/** One configuration on the simulator, created through a fresh admin session. */
export async function configurationOnSimulator(
  options: Parameters<typeof simulatedConfiguration>[1],
): Promise<Awaited<ReturnType<typeof simulatedConfiguration>>> {
  const [configuration] = await simulatedConfigurations([options]);
  if (!configuration) throw new Error("creating the configuration returned nothing");
  return configuration;
}
