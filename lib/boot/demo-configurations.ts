import type { ConfigurationCreateInput } from "@/lib/validation/configuration";

/** Where the bundled provider simulator listens in the zero-configuration demo. */
function simulatorBaseUrl(): string {
  return process.env.SIMULATOR_URL ?? `http://127.0.0.1:${process.env.SIMULATOR_PORT ?? "4010"}`;
}

/** One demo configuration per provider, each pointing at the simulator's matching wire format. */
export function demoConfigurations(simulator = simulatorBaseUrl()): ConfigurationCreateInput[] {
  return [
    {
      name: "Demo OpenAI",
      slug: "demo-openai",
      provider: "openai",
      model: "gpt-4o-mini",
      baseUrl: `${simulator}/openai/v1`,
      apiKey: "sk-demo-simulator-openai-0001",
      defaultParams: { temperature: 0.7, maxTokens: 1024 },
    },
    {
      name: "Demo Anthropic",
      slug: "demo-anthropic",
      provider: "anthropic",
      model: "claude-sonnet-5",
      baseUrl: `${simulator}/anthropic`,
      apiKey: "sk-ant-demo-simulator-0002",
      defaultParams: { maxTokens: 1024 },
    },
    {
      name: "Demo OpenRouter",
      slug: "demo-openrouter",
      provider: "openrouter",
      model: "deepseek/deepseek-r1",
      baseUrl: `${simulator}/openrouter/api/v1`,
      apiKey: "sk-or-demo-simulator-0003",
      defaultParams: { temperature: 0.6 },
    },
    {
      name: "Demo Gemini",
      slug: "demo-gemini",
      provider: "gemini",
      model: "gemini-2.5-flash",
      baseUrl: `${simulator}/gemini`,
      apiKey: "AIzaDemoSimulatorGemini0007",
      defaultParams: { maxTokens: 1024 },
    },
    { name: "Demo Ollama", slug: "demo-ollama", provider: "ollama", model: "qwen3:8b", baseUrl: `${simulator}/ollama` },
    {
      name: "Demo local server",
      slug: "demo-local",
      provider: "local",
      model: "llama-3.1-8b-instruct",
      baseUrl: `${simulator}/local/v1`,
    },
    {
      name: "Demo company proxy",
      slug: "demo-custom",
      provider: "custom",
      model: "gateway-default",
      baseUrl: `${simulator}/custom/v1`,
      apiKey: "demo-proxy-key-0006",
      extraHeaders: { "X-Team": "demo" },
    },
  ];
}
