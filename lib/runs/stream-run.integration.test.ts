import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/lib/simulator/server";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { createConfiguration } from "@/lib/db/configurations";
import type { RequestActor } from "@/lib/auth/request-actor";
import { streamPrompt } from "@/lib/runs/stream-run";
import { streamRequestSchema } from "@/lib/validation/stream";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";

// A prompt run sends its provider request while the turn is being saved: the reply still streams
// and saves as before, and when the save fails the request is cancelled, not left running.
const migrated = migratedDatabasePerFile();
let simulator: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  simulator = await startSimulator();
});

afterAll(async () => {
  await simulator.close();
});

const actor = (userId: number | null): RequestActor => ({
  ...SYSTEM_ACTOR,
  userId,
  tokenId: null,
  role: "admin",
  via: "token",
});

async function simulatedConfiguration(tag: string, scenario: string) {
  return createConfiguration({
    db: migrated.db(),
    actor: SYSTEM_ACTOR,
    input: {
      name: tag,
      slug: tag,
      provider: "openai",
      model: `gpt-4o-mini~${scenario}`,
      baseUrl: `${simulator.url}/openai/v1`,
      apiKey: "sk-stream-run-0001",
      extraHeaders: { "X-Simulator-Tag": tag },
    },
  });
}

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a prompt run", () => {
  it("streams and saves the reply from a request sent before the turn was saved", async () => {
    const configuration = await simulatedConfiguration("early-request", "normal");
    const input = streamRequestSchema.parse({
      configuration: configuration.slug,
      prompt: "Say hello",
      system: "Be brief.",
    });
    const response = await streamPrompt({
      request: new Request("http://app.test/api/stream"),
      actor: actor(null),
      input,
    });
    const text = await response.text();
    const events = text
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; runId?: string; content?: string });
    expect(events[0]?.type).toBe("start");
    expect(events.at(-1)?.type).toBe("done");
    const streamed = events
      .filter((event) => event.type === "chunk")
      .map((event) => event.content)
      .join("");
    expect(streamed.length).toBeGreaterThan(0);

    const runId = String(events[0]?.runId);
    expect(runId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const saved = await migrated.db().message.findUniqueOrThrow({ where: { runId } });
    expect(saved).toMatchObject({ status: "complete", content: streamed, role: "assistant" });
    expect(String(saved.id)).not.toBe(runId);
    expect(saved.ttftMs).not.toBeNull();
    const upstream = simulator.requests().filter((request) => request.tag === "early-request");
    expect(upstream).toHaveLength(1);
    // The provider got the system prompt and the user turn, as a saved turn would have sent them.
    expect(upstream[0]?.body).toMatchObject({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Say hello" },
      ],
    });
  });

  it("cancels the provider request when the turn cannot be saved", async () => {
    const configuration = await simulatedConfiguration("early-request-unsaved", "slow-50");
    const input = streamRequestSchema.parse({ configuration: configuration.slug, prompt: "Never saved" });
    // No user 987654 exists: the conversation's insert fails on its foreign key.
    await expect(
      streamPrompt({ request: new Request("http://app.test/api/stream"), actor: actor(987_654), input }),
    ).rejects.toThrow();
    const upstream = await until(
      () => simulator.requests().find((request) => request.tag === "early-request-unsaved" && request.endedAt !== null),
      "the upstream request to end",
    );
    expect(upstream.clientDisconnected).toBe(true);
    expect(upstream.completed).toBe(false);
    expect(await migrated.db().message.count({ where: { content: "Never saved" } })).toBe(0);
  });
});
