import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Provider } from "@/lib/db/generated/prisma/enums";
import { baseUrlHint, baseUrlPlaceholder, PROVIDER_CATALOG, PROVIDERS } from "@/lib/llm/providers/catalog";

const PROVIDERS_DIRECTORY = fileURLToPath(new URL("./", import.meta.url));

/** The modules the browser loads with the catalog: catalog.ts, catalog-entry.ts and each provider's catalog.ts. */
const CATALOG_MODULES = ["catalog.ts", "catalog-entry.ts", ...PROVIDERS.map((provider) => `${provider}/catalog.ts`)];

describe("provider catalog", () => {
  it("has a folder with a catalog entry for every provider", () => {
    const folders = readdirSync(PROVIDERS_DIRECTORY, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    for (const provider of PROVIDERS) expect(folders, provider).toContain(provider);
  });

  it("lists the same providers as the database enum (prisma/schema.prisma), which a new one needs with its migration", () => {
    expect(Object.values(Provider).sort()).toEqual([...PROVIDERS].sort());
  });

  it("is isomorphic: its modules import values only from one another", () => {
    const importable = CATALOG_MODULES.map((path) => `@/lib/llm/providers/${path.replace(/\.ts$/, "")}`);
    for (const path of CATALOG_MODULES) {
      const source = readFileSync(`${PROVIDERS_DIRECTORY}${path}`, "utf8");
      const valueImports = [...source.matchAll(/^import (?!type )[^;]*? from "([^"]+)";/gms)].map((match) => match[1]);
      for (const from of valueImports) {
        expect(importable, `${path} imports ${from}`).toContain(from);
      }
    }
  });

  it("gives every default base URL as an absolute http(s) URL without a trailing slash", () => {
    for (const provider of PROVIDERS) {
      const url = PROVIDER_CATALOG[provider].defaultBaseUrl;
      if (url === null) continue;
      expect(new URL(url).protocol, provider).toMatch(/^https?:$/);
      expect(url.endsWith("/"), provider).toBe(false);
    }
  });

  it("words the base URL hint and placeholder from the entry", () => {
    expect(baseUrlHint("anthropic")).toBe(
      "Without /v1, as the Anthropic SDK expects it. Empty means https://api.anthropic.com.",
    );
    expect(baseUrlHint("custom")).toBe("Required: the OpenAI-compatible server's URL, including /v1.");
    expect(baseUrlPlaceholder("ollama")).toBe("http://localhost:11434");
    expect(baseUrlPlaceholder("custom")).toBe("https://llm.example.com/v1");
  });
});
