import type { APIRequestContext } from "@playwright/test";
import { conversationAnswerSchema, type PublicMessage } from "../lib/contracts/conversations";
import { createdTokenAnswerSchema } from "../lib/contracts/tokens";
import { replyText } from "../lib/simulator/reply";
import { readAnswer, readError } from "./support/api";
import { BASE_URL } from "./support/api-session";
import { expect, test } from "./support/fixtures";
import { E2E_GRACE_MS, simulatorRequests, waitForSimulator } from "./support/simulator-control";
import { openStream, readEvents, textOf, type ReceivedEvent } from "./support/sse-client";
import { PROVIDER_BASE_PATHS, simulatedConfiguration, type ProviderName } from "./support/stream-fixtures";

let token: string;

test.beforeAll(async ({ admin }) => {
  const created = await admin.post("/api/tokens", { data: { name: "stream specs" } });
  token = (await readAnswer(created, createdTokenAnswerSchema)).token;
});

function streamPath(slug: string, prompt: string, extra = ""): string {
  return `/api/stream?configuration=${encodeURIComponent(slug)}&prompt=${encodeURIComponent(prompt)}${extra}`;
}

function final(events: ReceivedEvent[]): ReceivedEvent["data"] | undefined {
  return events[events.length - 1]?.data;
}

async function savedMessages(admin: APIRequestContext, conversationId: unknown): Promise<PublicMessage[]> {
  const response = await admin.get(`/api/conversations/${String(conversationId)}`);
  return (await readAnswer(response, conversationAnswerSchema)).conversation.messages;
}

for (const provider of Object.keys(PROVIDER_BASE_PATHS) as ProviderName[]) {
  test(`${provider}: a GET with string parameters streams the whole reply, ids in order, and saves it`, async ({
    admin,
  }) => {
    const configuration = await simulatedConfiguration(admin, { provider });
    const prompt = `Explain streaming for ${provider} — café`;
    const response = await openStream(
      streamPath(configuration.slug, prompt, "&temperature=0.5&topP=0.9&maxTokens=900"),
      { token },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toContain("no-transform");
    expect(response.headers.get("content-encoding")).toBeNull();
    const events = await readEvents(response);

    const start = events[0]?.data;
    expect(start).toMatchObject({ type: "start", configuration: { id: configuration.id, provider } });
    const runId = String(start?.runId);
    expect(events.map((event) => event.id)).toEqual(events.map((_event, seq) => `${runId}:${seq}`));
    expect(textOf(events)).toBe(replyText(prompt));
    const counts = events.filter((event) => event.data.type === "chunk").map((event) => Number(event.data.tokens));
    expect(counts.every((count, index) => index === 0 || count >= (counts[index - 1] ?? 0))).toBe(true);

    const done = final(events);
    expect(done).toMatchObject({ type: "done", finishReason: "stop", usage: { source: "provider" } });
    const request = (await simulatorRequests(configuration.tag))[0];
    const sampling: Partial<Record<ProviderName, Record<string, unknown>>> = {
      ollama: { options: { temperature: 0.5, top_p: 0.9 } },
      gemini: { generationConfig: { temperature: 0.5, topP: 0.9, maxOutputTokens: 900 } },
    };
    expect(request?.body).toMatchObject(sampling[provider] ?? { temperature: 0.5, top_p: 0.9 });

    const [user, assistant] = await savedMessages(admin, start?.conversationId);
    expect(user).toMatchObject({ role: "user", content: prompt });
    expect(assistant).toMatchObject({
      role: "assistant",
      status: "complete",
      content: replyText(prompt),
      usage: { source: "provider" },
    });
    expect(assistant?.usage.completionTokens).toBe(
      done?.type === "done" ? done.usage.completionTokens : "no done event",
    );
    expect(assistant?.usage.estimatedTokens).toBeGreaterThan(0);
    expect(assistant?.timeline?.length).toBe(
      events.filter((event) => event.data.type === "chunk" || event.data.type === "thinking").length,
    );
  });
}

test("reasoning streams apart from the answer (OpenRouter effort, Anthropic and Gemini thinking budget, Ollama think)", async ({
  admin,
}) => {
  const cases: Array<[ProviderName, string]> = [
    ["openrouter", "&reasoningEffort=high"],
    ["anthropic", "&thinkingBudget=2048&maxTokens=4096"],
    ["gemini", "&thinkingBudget=1024&maxTokens=900"],
    ["ollama", "&reasoningEffort=medium"],
  ];
  for (const [provider, query] of cases) {
    const configuration = await simulatedConfiguration(admin, { provider });
    const events = await readEvents(await openStream(streamPath(configuration.slug, "Think first", query), { token }));
    const types = events.map((event) => event.data.type);
    expect(types, provider).toContain("thinking");
    expect(types.indexOf("thinking"), provider).toBeLessThan(types.indexOf("chunk"));
    expect(final(events)?.type, provider).toBe("done");
    const [, assistant] = await savedMessages(admin, events[0]?.data.conversationId);
    expect(assistant?.reasoning?.length, provider).toBeGreaterThan(10);
    expect(assistant?.content, provider).toBe(replyText("Think first"));
  }
});

test("bad input is refused before any stream opens", async ({ admin }) => {
  const configuration = await simulatedConfiguration(admin, { provider: "openai" });
  for (const [query, field] of [
    ["&temperature=hot", "temperature"],
    ["&temperature=2.5", "temperature"],
    ["&maxTokens=0", "maxTokens"],
    ["&topP=7", "topP"],
  ] as const) {
    const response = await openStream(streamPath(configuration.slug, "hi", query), { token });
    expect(response.status, query).toBe(400);
    const body = await readError(response);
    expect(body.error.code).toBe("invalid_params");
    expect(body.error.issues?.map((issue) => issue.path)).toContain(field);
  }
  expect((await openStream(`/api/stream?configuration=${configuration.slug}`, { token })).status).toBe(400);
  expect((await openStream(streamPath("no-such-configuration", "hi"), { token })).status).toBe(404);
  await admin.patch(`/api/configurations/${configuration.id}`, { data: { active: false } });
  expect((await openStream(streamPath(String(configuration.id), "hi"), { token })).status).toBe(404);
  const post = await openStream("/api/stream", {
    token,
    method: "POST",
    body: { configuration: configuration.slug, prompt: 42 },
  });
  expect(post.status).toBe(400);
  expect(await simulatorRequests(configuration.tag)).toHaveLength(0);
});

test("an explicit stop cancels the provider request at once and saves the partial reply as aborted", async ({
  admin,
}) => {
  const configuration = await simulatedConfiguration(admin, { provider: "openai", scenario: "slow" });
  const response = await openStream(streamPath(configuration.slug, "Stop me"), { token });
  let runId = "";
  const reading = readEvents(response, { onEvent: (event) => (runId ||= String(event.data.runId ?? "")) });
  await waitForSimulator(configuration.tag, (requests) => (requests[0]?.tokensSent ?? 0) >= 3, 5000);
  const stoppedAt = Date.now();
  const stop = await fetch(`${BASE_URL}/api/runs/${runId}/stop`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(stop.status).toBe(200);
  expect(await stop.json()).toMatchObject({ stopped: true });
  const [request] = await waitForSimulator(
    configuration.tag,
    (requests) => requests[0]?.clientDisconnected === true,
    1000,
  );
  expect((request?.disconnectedAt ?? Infinity) - stoppedAt).toBeLessThan(1000);
  const received = await reading;
  expect(final(received)).toMatchObject({ type: "done", finishReason: "aborted" });
  const text = textOf(received);
  expect(text.length).toBeGreaterThan(0);
  expect(replyText("Stop me").startsWith(text)).toBe(true);
  const [, assistant] = await savedMessages(admin, received[0]?.data.conversationId);
  expect(assistant).toMatchObject({ status: "aborted", content: text });
});

test("a client that goes away is cancelled only after the grace window; the partial reply is saved", async ({
  admin,
}) => {
  const configuration = await simulatedConfiguration(admin, { provider: "anthropic", scenario: "slow" });
  const controller = new AbortController();
  const response = await openStream(streamPath(configuration.slug, "Abandon me"), { token, signal: controller.signal });
  const events = await readEvents(response, {
    controller,
    stopWhen: (seen) => seen.filter((event) => event.data.type === "chunk").length >= 3,
  });
  const leftAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, E2E_GRACE_MS / 2));
  expect((await simulatorRequests(configuration.tag))[0]?.clientDisconnected).toBe(false);
  const [request] = await waitForSimulator(
    configuration.tag,
    (requests) => requests[0]?.clientDisconnected === true,
    E2E_GRACE_MS + 1500,
  );
  // Cancelled after the grace window, and within a second of its end.
  expect((request?.disconnectedAt ?? 0) - leftAt).toBeGreaterThanOrEqual(E2E_GRACE_MS - 100);
  expect((request?.disconnectedAt ?? Infinity) - leftAt).toBeLessThanOrEqual(E2E_GRACE_MS + 1000);
  await expect
    .poll(async () => (await savedMessages(admin, events[0]?.data.conversationId))[1]?.status)
    .toBe("aborted");
  const [, assistant] = await savedMessages(admin, events[0]?.data.conversationId);
  expect(assistant?.content.startsWith(textOf(events))).toBe(true);
});

test("a reconnect with Last-Event-ID inside the grace window resumes without a second provider call", async ({
  admin,
}) => {
  const configuration = await simulatedConfiguration(admin, { provider: "ollama", scenario: "slow-20" });
  const prompt = "Resume me please";
  const path = streamPath(configuration.slug, prompt);
  const controller = new AbortController();
  const first = await readEvents(await openStream(path, { token, signal: controller.signal }), {
    controller,
    stopWhen: (seen) => seen.filter((event) => event.data.type === "chunk").length >= 4,
  });
  const lastId = first[first.length - 1]?.id ?? "";
  const resumed = await openStream(path, { token, headers: { "Last-Event-ID": lastId } });
  expect(resumed.status).toBe(200);
  const rest = await readEvents(resumed);
  expect(rest[0]?.data.type).not.toBe("start");
  const lastSeq = Number(lastId.split(":")[1]);
  expect(Number(rest[0]?.id?.split(":")[1])).toBe(lastSeq + 1);
  expect(textOf([...first, ...rest])).toBe(replyText(prompt));
  expect(final(rest)?.type).toBe("done");
  expect(await simulatorRequests(configuration.tag)).toHaveLength(1);
  const finishedId = rest[rest.length - 1]?.id ?? "";
  expect((await openStream(path, { token, headers: { "Last-Event-ID": finishedId } })).status).toBe(204);
  expect((await openStream(path, { token, headers: { "Last-Event-ID": "999999:3" } })).status).toBe(204);
});

test("a conversation streams each turn with the whole conversation as context", async ({ admin }) => {
  const configuration = await simulatedConfiguration(admin, { provider: "local" });
  const created = await admin.post("/api/conversations", {
    data: { configuration: configuration.slug, title: "Context", system: "Be brief." },
  });
  expect(created.status()).toBe(201);
  const conversationId = (await readAnswer(created, conversationAnswerSchema)).conversation.id;
  const firstTurn = await readEvents(
    await openStream(`/api/conversations/${conversationId}/stream`, {
      token,
      method: "POST",
      body: { message: "First question" },
    }),
  );
  expect(final(firstTurn)?.type).toBe("done");
  const secondTurn = await readEvents(
    await openStream(`/api/conversations/${conversationId}/stream?message=${encodeURIComponent("Second question")}`, {
      token,
    }),
  );
  expect(final(secondTurn)?.type).toBe("done");
  const requests = await simulatorRequests(configuration.tag);
  expect(requests).toHaveLength(2);
  expect((requests[1]?.body as { messages: unknown[] }).messages).toEqual([
    { role: "system", content: "Be brief." },
    { role: "user", content: "First question" },
    { role: "assistant", content: replyText("First question") },
    { role: "user", content: "Second question" },
  ]);
  const messages = await savedMessages(admin, conversationId);
  expect(messages.map((message) => [message.role, message.status])).toEqual([
    ["user", "complete"],
    ["assistant", "complete"],
    ["user", "complete"],
    ["assistant", "complete"],
  ]);
});

test("provider failures arrive as error events a person can act on, and are saved", async ({ admin }) => {
  const cases: Array<{
    provider: ProviderName;
    scenario: string;
    code: string;
    extra?: Record<string, unknown>;
    firstTokenTimeoutMs?: number;
  }> = [
    { provider: "openai", scenario: "midstream-error-5", code: "upstream_error" },
    { provider: "anthropic", scenario: "http-401", code: "auth_failed" },
    { provider: "openrouter", scenario: "http-429", code: "rate_limited", extra: { retryAfterSeconds: 7 } },
    // Gemini's wait is a RetryInfo detail of the body, not a header.
    { provider: "gemini", scenario: "http-429", code: "rate_limited", extra: { retryAfterSeconds: 7 } },
    { provider: "gemini", scenario: "midstream-error-5", code: "upstream_unavailable" },
    { provider: "ollama", scenario: "http-404", code: "model_not_found" },
    { provider: "local", scenario: "http-500", code: "upstream_unavailable" },
    { provider: "openai", scenario: "truncated-5", code: "upstream_protocol" },
    { provider: "custom", scenario: "stall-first-byte-30000", code: "timeout", firstTokenTimeoutMs: 1000 },
  ];
  for (const { provider, scenario, code, extra, firstTokenTimeoutMs } of cases) {
    const configuration = await simulatedConfiguration(admin, { provider, scenario, firstTokenTimeoutMs });
    const events = await readEvents(await openStream(streamPath(configuration.slug, "Fail please"), { token }));
    const error = final(events);
    expect(error, `${provider} ${scenario}`).toMatchObject({ type: "error", code, ...(extra ?? {}) });
    expect(String(error?.message)).not.toMatch(/sk-e2e|at \w+ \(|node_modules/);
    const [, assistant] = await savedMessages(admin, events[0]?.data.conversationId);
    expect(assistant?.status, `${provider} ${scenario}`).toBe("error");
    expect(assistant?.error?.code).toBe(code);
    expect(assistant?.content).toBe(textOf(events));
  }
});
