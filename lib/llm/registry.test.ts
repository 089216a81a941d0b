import { describe, expect, it } from "vitest";
import { anthropicAdapter } from "@/lib/llm/providers/anthropic/adapter";
import { PROVIDER_CATALOG, PROVIDERS, type ProviderName } from "@/lib/llm/providers/catalog";
import { customAdapter } from "@/lib/llm/providers/custom/adapter";
import { geminiAdapter } from "@/lib/llm/providers/gemini/adapter";
import { localAdapter } from "@/lib/llm/providers/local/adapter";
import { ollamaAdapter } from "@/lib/llm/providers/ollama/adapter";
import { openAIAdapter } from "@/lib/llm/providers/openai/adapter";
import { openRouterAdapter } from "@/lib/llm/providers/openrouter/adapter";
import { ADAPTERS, adapterFor, resolveBaseUrl, UnknownProviderError } from "@/lib/llm/registry";

describe("adapterFor", () => {
  it("has each provider's own adapter, in the catalog's order", () => {
    expect(PROVIDERS.map((provider) => adapterFor(provider))).toEqual([
      openAIAdapter,
      anthropicAdapter,
      openRouterAdapter,
      geminiAdapter,
      ollamaAdapter,
      localAdapter,
      customAdapter,
    ]);
  });

  it("lists the same providers as the catalog, in the same order", () => {
    expect(Object.keys(ADAPTERS)).toEqual([...PROVIDERS]);
    expect(Object.keys(PROVIDER_CATALOG)).toEqual([...PROVIDERS]);
  });

  it("throws a named error for a provider it does not know", () => {
    expect(() => adapterFor("mistral" as ProviderName)).toThrow(UnknownProviderError);
    expect(() => adapterFor("toString" as ProviderName)).toThrow(UnknownProviderError);
  });
});

describe("resolveBaseUrl", () => {
  it("uses each provider's default when the field is empty", () => {
    expect(resolveBaseUrl("openai", null)).toBe("https://api.openai.com/v1");
    expect(resolveBaseUrl("anthropic", "")).toBe("https://api.anthropic.com");
    expect(resolveBaseUrl("openrouter", "  ")).toBe("https://openrouter.ai/api/v1");
    expect(resolveBaseUrl("gemini", null)).toBe("https://generativelanguage.googleapis.com");
    expect(resolveBaseUrl("ollama", null)).toBe("http://localhost:11434");
    expect(resolveBaseUrl("local", null)).toBe("http://localhost:1234/v1");
  });

  it("drops trailing slashes and paths the SDK adds itself", () => {
    expect(resolveBaseUrl("custom", "https://llm.example.com/v1/")).toBe("https://llm.example.com/v1");
    expect(resolveBaseUrl("anthropic", "https://proxy.example.com/anthropic/v1/")).toBe(
      "https://proxy.example.com/anthropic",
    );
    expect(resolveBaseUrl("gemini", "https://generativelanguage.googleapis.com/v1beta/")).toBe(
      "https://generativelanguage.googleapis.com",
    );
    expect(resolveBaseUrl("ollama", "http://gpu-box:11434/api")).toBe("http://gpu-box:11434");
    expect(resolveBaseUrl("ollama", "http://gpu-box:11434/v1")).toBe("http://gpu-box:11434");
  });

  it("refuses, at use, a base URL saved before the outbound rules: credentials, query, fragment, metadata address", () => {
    expect(() =>
      resolveBaseUrl("openai", "http://127.0.0.1:4913/latest/meta-data/iam/security-credentials/role#"),
    ).toThrow("This configuration's base URL cannot contain a fragment");
    expect(() => resolveBaseUrl("ollama", "http://127.0.0.1:4913/computeMetadata/v1/token?x=")).toThrow(
      /cannot contain a query/,
    );
    expect(() => resolveBaseUrl("custom", "http://user:pw@127.0.0.1:4913/v1")).toThrow(/user name or password/);
    expect(() => resolveBaseUrl("custom", "http://2852039166/")).toThrow(/points at 169\.254\.169\.254/);
  });

  it("refuses a custom provider without a URL", () => {
    expect(() => resolveBaseUrl("custom", null)).toThrow(/no base URL/);
  });
});
