import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestActor } from "@/lib/auth/request-actor";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { createConfiguration } from "@/lib/db/configurations";
import type { RunEvent } from "@/lib/contracts/run-events";
import { streamPrompt } from "@/lib/runs/stream-run";
import { replyText, thinkingText, tokenize } from "@/lib/simulator/reply";
import { startSimulator } from "@/lib/simulator/server";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { streamRequestSchema } from "@/lib/validation/stream";

// Google Gemini end to end below the HTTP route: a saved configuration, the run engine, the
// adapter and the simulator's Gemini wire format; thoughts, answer, usage and errors as saved.
const migrated = migratedDatabasePerFile();
let simulator: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  simulator = await startSimulator();
});

afterAll(async () => {
  await simulator.close();
});

const admin: RequestActor = { ...SYSTEM_ACTOR, userId: null, tokenId: null, role: "admin", via: "token" };

async function geminiConfiguration(tag: string, model: string) {
  return createConfiguration({
    db: migrated.db(),
    actor: SYSTEM_ACTOR,
    input: {
      name: tag,
      slug: tag,
      provider: "gemini",
      model,
      baseUrl: `${simulator.url}/gemini`,
      apiKey: "AIzaSyGeminiRun0001",
      extraHeaders: { "X-Simulator-Tag": tag },
    },
  });
}

async function run(slug: string, prompt: string, extra: Record<string, unknown> = {}): Promise<RunEvent[]> {
  const input = streamRequestSchema.parse({ configuration: slug, prompt, ...extra });
  const response = await streamPrompt({ request: new Request("http://app.test/api/stream"), actor: admin, input });
  return (await response.text())
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice(6)) as RunEvent);
}

function joined(events: RunEvent[], type: "thinking" | "chunk"): string {
  return events.map((event) => (event.type === type ? event.content : "")).join("");
}

describe("a Gemini run", () => {
  it("streams thoughts and answer, and saves them with Gemini's usage normalised", async () => {
    const prompt = "Explain tides briefly";
    const configuration = await geminiConfiguration("gemini-thinking", "gemini-2.5-flash~fast");
    const events = await run(configuration.slug, prompt, { thinkingBudget: 1024, maxTokens: 512 });

    expect(events[0]).toMatchObject({ type: "start", configuration: { provider: "gemini" } });
    expect(joined(events, "thinking")).toBe(thinkingText(prompt));
    expect(joined(events, "chunk")).toBe(replyText(prompt));
    const thoughts = tokenize(thinkingText(prompt)).length;
    const answer = tokenize(replyText(prompt)).length;
    const done = events.at(-1);
    expect(done).toMatchObject({
      type: "done",
      finishReason: "stop",
      usage: { source: "provider", completionTokens: answer + thoughts, reasoningTokens: thoughts, cachedTokens: null },
    });

    const upstream = simulator.requests().find((request) => request.tag === "gemini-thinking");
    expect(upstream?.path).toBe("/gemini/v1beta/models/gemini-2.5-flash~fast:streamGenerateContent");
    expect(upstream?.body).toMatchObject({
      generationConfig: {
        maxOutputTokens: 512 + 1024,
        thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
      },
    });
    const saved = await migrated.db().message.findFirstOrThrow({
      where: { role: "assistant", content: replyText(prompt) },
    });
    expect(saved).toMatchObject({
      status: "complete",
      reasoning: thinkingText(prompt),
      finishReason: "stop",
      completionTokens: answer + thoughts,
      reasoningTokens: thoughts,
      cachedTokens: null,
      usageSource: "provider",
    });
    expect(saved.promptTokens).toBeGreaterThan(0);
  });

  it("reports cached prompt tokens, and thinking it does not show still counts", async () => {
    const prompt = "Name a prime";
    const configuration = await geminiConfiguration("gemini-cached", "gemini-2.5-flash~fast+cached");
    const done = (await run(configuration.slug, prompt)).at(-1);
    expect(done?.type).toBe("done");
    if (done?.type !== "done") return;
    expect(done.usage.cachedTokens).toBeGreaterThan(0);
    expect(done.usage.reasoningTokens).toBe(tokenize(thinkingText(prompt)).length);
  });

  it("ends with Gemini's errors mapped: a refused key, a quota with its RetryInfo wait, an in-band failure", async () => {
    const refused = await createConfiguration({
      db: migrated.db(),
      actor: SYSTEM_ACTOR,
      input: {
        name: "gemini-refused",
        slug: "gemini-refused",
        provider: "gemini",
        model: "gemini-2.5-flash",
        baseUrl: `${simulator.url}/gemini`,
        apiKey: "AIza-invalid-key",
      },
    });
    expect((await run(refused.slug, "Hi")).at(-1)).toEqual({
      type: "error",
      code: "auth_failed",
      status: 400,
      message: "Google Gemini refused the API key (400). Edit the configuration's API key.",
    });

    const limited = await geminiConfiguration("gemini-429", "gemini-2.5-flash~http-429");
    expect((await run(limited.slug, "Hi")).at(-1)).toMatchObject({
      type: "error",
      code: "rate_limited",
      status: 429,
      retryAfterSeconds: 7,
    });

    const failing = await geminiConfiguration("gemini-midstream", "gemini-2.0-flash~fast+midstream-error-3");
    const events = await run(failing.slug, "Tell me a story");
    expect(joined(events, "chunk").length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "upstream_unavailable" });
  });
});
