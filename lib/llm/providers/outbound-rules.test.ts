import { describe, expect, it } from "vitest";
import { LlmRequestError } from "@/lib/llm/errors";
import { adapterFor, resolveBaseUrl } from "@/lib/llm/registry";
import { callOptions } from "@/lib/llm/testing/fixture-server";
import { startRecorder, startRedirector } from "@/lib/llm/testing/recording-servers";
import type { LlmError, ProviderConnection } from "@/lib/llm/types";
import { loopbackOnlyPerTest } from "@/lib/testing/loopback-only";
import type { ProviderName } from "@/lib/llm/providers/catalog";

// The SDKs (openai, @anthropic-ai/sdk) and Ollama's own calls really go through providerFetch:
// each adapter, streaming and listing models, is refused by the outbound policy and never
// follows a redirect. Loopback servers only; the tripwire stops anything else.
const PROVIDERS: ReadonlyArray<{ provider: ProviderName; path: string }> = [
  { provider: "openai", path: "/v1" },
  { provider: "anthropic", path: "" },
  { provider: "openrouter", path: "/api/v1" },
  { provider: "ollama", path: "" },
];

const network = loopbackOnlyPerTest();

function connection(provider: ProviderName, baseUrl: string): ProviderConnection {
  return {
    provider,
    baseUrl: resolveBaseUrl(provider, baseUrl),
    apiKey: "sk-OUTBOUND-SECRET-1234",
    model: "m",
    extraHeaders: { "Ocp-Apim-Subscription-Key": "apim-OUTBOUND-SECRET" },
  };
}

/** The errors of a model listing and of a streamed reply. */
async function failures(target: ProviderConnection): Promise<LlmError[]> {
  const adapter = adapterFor(target.provider);
  const listed = await adapter.listModels(target, callOptions(AbortSignal.timeout(10_000))).then(
    () => null,
    (error: unknown) => (error instanceof LlmRequestError ? error.llmError : null),
  );
  let streamed: LlmError | null = null;
  for await (const event of adapter.stream(
    { connection: target, messages: [{ role: "user", content: "Hi" }], params: {} },
    callOptions(AbortSignal.timeout(10_000)),
  )) {
    if (event.type === "error") streamed = event.error;
  }
  return [listed, streamed].filter((error): error is LlmError => error !== null);
}

describe("every adapter", () => {
  it.each(PROVIDERS)(
    "$provider: a redirect is reported with its target's origin, and the target receives nothing",
    async ({ provider, path }) => {
      const target = network.track(await startRecorder());
      const redirector = network.track(await startRedirector(target.origin, provider === "anthropic" ? 307 : 302));

      const errors = await failures(connection(provider, `${redirector.origin}${path}`));
      expect(errors).toHaveLength(2);
      for (const error of errors) {
        expect(error).toMatchObject({ code: "invalid_request" });
        expect(error.message).toContain(`redirected to ${target.origin}`);
        expect(error.message).toContain("update the base URL");
      }
      expect(redirector.requests).toHaveLength(2);
      expect(target.connections()).toBe(0);
    },
  );

  it.each(PROVIDERS)(
    "$provider: a host outside PROVIDER_HOSTS_ALLOW is refused before it is connected to",
    async ({ provider, path }) => {
      const server = network.track(await startRecorder());
      process.env.PROVIDER_HOSTS_ALLOW = "api.example.test";

      const errors = await failures(connection(provider, `http://localhost:${server.port}${path}`));
      expect(errors).toHaveLength(2);
      for (const error of errors)
        expect(error).toEqual({
          code: "invalid_request",
          message: expect.stringContaining("localhost is not in PROVIDER_HOSTS_ALLOW") as string,
        });
      expect(server.connections()).toBe(0);
      expect(network.attempts().every((host) => host === "localhost")).toBe(true);
    },
  );

  it.each(PROVIDERS)("$provider: a metadata address is refused without a socket", async ({ provider }) => {
    const errors = await failures({ ...connection(provider, "http://127.0.0.1:9"), baseUrl: "http://169.254.169.254" });
    expect(errors).toHaveLength(2);
    for (const error of errors)
      expect(error.message).toBe(
        "Provider requests never go to 169.254.169.254: it is a link-local or cloud-metadata address. Check the base URL.",
      );
    expect(network.attempts()).toEqual([]);
  });
});
