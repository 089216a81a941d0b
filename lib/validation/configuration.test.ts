import { describe, expect, it } from "vitest";
import {
  configurationCreateSchema,
  configurationUpdateSchema,
  crossFieldIssues,
  slugify,
} from "@/lib/validation/configuration";
import { toIssues } from "@/lib/validation/issues";

const valid = { name: "Team GPT", provider: "openai", model: "gpt-4o-mini" };

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  const parsed = configurationCreateSchema.safeParse(input);
  return parsed.success ? [] : toIssues(parsed.error);
}

describe("configuration schema", () => {
  it("accepts a minimal configuration and turns an empty base URL into the provider default (null)", () => {
    const parsed = configurationCreateSchema.parse({ ...valid, baseUrl: "" });
    expect(parsed.baseUrl).toBeNull();
  });

  it.each([
    [{ ...valid, provider: "mistral" }, "provider", /provider must be one of/],
    [{ ...valid, firstTokenTimeoutMs: -5 }, "firstTokenTimeoutMs", /at least 1000/],
    [{ ...valid, baseUrl: "not a url" }, "baseUrl", /http:\/\/ or https:\/\//],
    [{ ...valid, baseUrl: "ftp://files.example.com" }, "baseUrl", /http:\/\/ or https:\/\//],
    [{ ...valid, baseUrl: "http://admin:pw@10.0.0.5:8080/v1" }, "baseUrl", /user name or password/],
    [
      { ...valid, baseUrl: "http://127.0.0.1:4913/latest/meta-data/iam/security-credentials/role#" },
      "baseUrl",
      /fragment/,
    ],
    [{ ...valid, baseUrl: "http://127.0.0.1:4913/computeMetadata/v1/token?x=" }, "baseUrl", /query/],
    [{ ...valid, baseUrl: "http://127.0.0.1:4913/v1?" }, "baseUrl", /query/],
    [
      { ...valid, baseUrl: "http://169.254.169.254/latest/meta-data" },
      "baseUrl",
      /169\.254\.169\.254, a link-local or cloud-metadata address/,
    ],
    [{ ...valid, baseUrl: "http://2852039166/" }, "baseUrl", /points at 169\.254\.169\.254/],
    [{ ...valid, baseUrl: "http://[fd00:ec2::254]/latest" }, "baseUrl", /cloud-metadata/],
    [{ ...valid, defaultParams: { temperature: 2.5 } }, "defaultParams.temperature", /between 0 and 2/],
    [{ ...valid, defaultParams: { maxTokens: 1.5 } }, "defaultParams.maxTokens", /whole number/],
    [{ ...valid, slug: "Has Spaces" }, "slug", /lowercase letters/],
    [{ ...valid, extraHeaders: { "Bad Header": "x" } }, "extraHeaders.Bad Header", /header names/],
    [{ ...valid, extraHeaders: { "X-Inject": "a\r\nb" } }, "extraHeaders.X-Inject", /line breaks/],
    [{ ...valid, extraHeaders: { Host: "evil" } }, "extraHeaders.Host", /set by the client/],
    [{ name: "", provider: "openai", model: "m" }, "name", /name is required/],
  ])("refuses %j with a message on %s", (input, path, message) => {
    const issues = issuesOf(input);
    const issue = issues.find((candidate) => candidate.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it("keeps loopback and private servers (Ollama, LM Studio) and public providers accepted", () => {
    for (const baseUrl of [
      "http://localhost:11434",
      "http://127.0.0.1:1234/v1",
      "http://0x7f000001:5432",
      "http://192.168.1.20:8000/v1",
      "http://[::1]:11434",
      "https://api.openai.com/v1",
    ]) {
      expect(issuesOf({ ...valid, baseUrl }), baseUrl).toEqual([]);
    }
  });

  it("refuses unknown fields instead of silently dropping a typo", () => {
    expect(issuesOf({ ...valid, temprature: 1 }).length).toBeGreaterThan(0);
  });

  it("treats apiKey null as removal and an empty string as a mistake", () => {
    expect(configurationUpdateSchema.parse({ apiKey: null }).apiKey).toBeNull();
    expect(configurationUpdateSchema.safeParse({ apiKey: "" }).success).toBe(false);
  });

  it("requires a base URL for custom servers and a first-token timeout within the total", () => {
    expect(
      crossFieldIssues({ provider: "custom", baseUrl: null, firstTokenTimeoutMs: 1000, totalTimeoutMs: 2000 }).map(
        (issue) => issue.path,
      ),
    ).toEqual(["baseUrl"]);
    expect(
      crossFieldIssues({ provider: "openai", baseUrl: null, firstTokenTimeoutMs: 5000, totalTimeoutMs: 2000 }).map(
        (issue) => issue.path,
      ),
    ).toEqual(["firstTokenTimeoutMs"]);
    expect(
      crossFieldIssues({ provider: "ollama", baseUrl: null, firstTokenTimeoutMs: 1000, totalTimeoutMs: 2000 }),
    ).toEqual([]);
  });
});

describe("slugify", () => {
  it("makes readable slugs that pass the slug pattern", () => {
    expect(slugify("Claude Sonnet (EU) — Prod")).toBe("claude-sonnet-eu-prod");
    expect(slugify("Modèle Français")).toBe("modele-francais");
    expect(slugify("!!!")).toBe("configuration");
    expect(configurationCreateSchema.safeParse({ ...valid, slug: slugify("A".repeat(300)) }).success).toBe(true);
  });
});
