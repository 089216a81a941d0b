// Per-user run limits and size caps (review finding M10), against two production instances on one
// database and one Redis with small limits of their own: 3 replies streaming per user, 10 starts
// a minute, 2 connection tests a minute, a 4,096-token default maxTokens cap and a 3,000-token
// context. Each test uses its own viewer, so the counts do not mix. Skipped with the reason when
// no Redis answers on a developer machine, failed under CI.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { freePort } from "../lib/testing/free-port";
import { redisUnavailableReason, TEST_REDIS_URL, uniqueKeyPrefix } from "../lib/testing/redis";
import { pollUntil } from "../lib/testing/until";
import { signedInContext, unique } from "./support/api-session";
import { E2E_ADMIN } from "./support/credentials";
import { startOwnStack, type OwnStack } from "./support/own-stack";
import { simulatorRequests, waitForSimulator } from "./support/simulator-control";
import { readEvents, type ReceivedEvent } from "./support/sse-client";
import { simulatedConfiguration } from "./support/stream-fixtures";
import { readAnswer, readError } from "./support/api";
import {
  compareSetAnswerSchema,
  conversationAnswerSchema,
  conversationListAnswerSchema,
} from "../lib/contracts/conversations";
import { configurationAnswerSchema } from "../lib/contracts/configurations";

test.describe.configure({ mode: "serial" });

const CAP = 3;
const STARTS_PER_MINUTE = 10;
const CONTEXT_TOKENS = 3000;

let stack: OwnStack | undefined;
let appA = "";
let appB = "";
let simulatorUrl = "";
let admin: APIRequestContext;

test.beforeAll(async () => {
  const unavailable = await redisUnavailableReason();
  if (unavailable) console.warn(`[run-limits] skipped: ${unavailable}`);
  test.skip(unavailable !== null, unavailable ?? "");
  test.setTimeout(240_000);
  stack = await startOwnStack({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: uniqueKeyPrefix(),
    STACK_PORTS: `${await freePort()},${await freePort()}`,
    RUN_CONCURRENCY_PER_USER: String(CAP),
    RUN_STARTS_PER_MINUTE: String(STARTS_PER_MINUTE),
    CONNECTION_TESTS_PER_MINUTE: "2",
    RUN_MAX_TOKENS_CAP: "4096",
    RUN_MAX_CONTEXT_TOKENS: String(CONTEXT_TOKENS),
  });
  [appA = "", appB = ""] = stack.apps;
  simulatorUrl = stack.simulatorUrl;
  admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password, appA);
});

test.afterAll(async () => {
  await admin?.dispose();
  await stack?.stop();
});

type Viewer = { cookie: string };

/** A new viewer signed in (its session works on both instances: they share the secret). */
async function newViewer(): Promise<Viewer> {
  const email = `${unique("limits")}@example.test`;
  const password = "limits-viewer-password-1";
  expect((await admin.post("/api/users", { data: { email, password, role: "viewer" } })).status()).toBe(201);
  const context = await signedInContext(email, password, appA);
  const cookies = (await context.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  await context.dispose();
  return { cookie: cookies };
}

function call(viewer: Viewer, baseUrl: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { Cookie: viewer.cookie, Origin: baseUrl, "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
    signal,
  });
}

type Stream = {
  response: Response;
  runId: Promise<string>;
  events: Promise<ReceivedEvent[]>;
  controller: AbortController;
};

/** Starts a prompt run; when admitted, its events are read in the background. */
async function startPrompt(viewer: Viewer, baseUrl: string, body: Record<string, unknown>): Promise<Stream> {
  const controller = new AbortController();
  const response = await call(viewer, baseUrl, "/api/stream", body, controller.signal);
  return attach(response, controller);
}

function attach(response: Response, controller: AbortController): Stream {
  if (response.status !== 200) return { response, runId: Promise.resolve(""), events: Promise.resolve([]), controller };
  let found: (runId: string) => void = () => {};
  const runId = new Promise<string>((resolve) => (found = resolve));
  const events = readEvents(response, {
    onEvent: (event) => event.data.type === "start" && found(String(event.data.runId)),
  }).catch(() => []);
  return { response, runId, events, controller };
}

async function stop(viewer: Viewer, stream: Stream): Promise<void> {
  const response = await call(viewer, appB, `/api/runs/${await stream.runId}/stop`);
  expect(response.status).toBe(200);
  await stream.events;
}

async function expectBusy(response: Response): Promise<void> {
  expect(response.status).toBe(429);
  expect(response.headers.get("retry-after")).toBe("5");
  const body = await readError(response);
  expect(body.error.code).toBe("rate_limited");
  expect(body.error.message).toContain(
    `replies streaming and the limit is ${CAP} per user. Wait for one to finish or stop it`,
  );
}

/** Retries a start until it is admitted (a slot frees a moment after the run's end is known). */
async function admittedPrompt(
  viewer: Viewer,
  baseUrl: string,
  body: Record<string, unknown>,
  timeoutMs = 3000,
): Promise<Stream> {
  return pollUntil(
    () => startPrompt(viewer, baseUrl, body),
    (stream) => stream.response.status === 200,
    { timeoutMs, intervalMs: 200, failure: (stream) => `still refused: ${stream.response.status}` },
  );
}

async function conversationsMatching(word: string): Promise<number> {
  return (
    await readAnswer(
      await admin.get(`/api/conversations?search=${encodeURIComponent(word)}`),
      conversationListAnswerSchema,
    )
  ).total;
}

test("the review's reproduction: of 30 parallel slow runs by a viewer, 3 stream and 27 are refused with 429 before anything is sent or saved", async () => {
  const slow = await simulatedConfiguration(admin, { provider: "openai", scenario: "slow-300", simulatorUrl });
  const viewer = await newViewer();
  const word = unique("flood");
  const streams = await Promise.all(
    Array.from({ length: 30 }, (_, index) =>
      startPrompt(viewer, index % 2 ? appB : appA, {
        configuration: slow.slug,
        prompt: `${word} ${index}`,
        maxTokens: 4000,
      }),
    ),
  );
  const admitted = streams.filter((stream) => stream.response.status === 200);
  expect(admitted).toHaveLength(CAP);
  for (const refused of streams.filter((stream) => stream.response.status !== 200)) await expectBusy(refused.response);
  await waitForSimulator(slow.tag, (requests) => requests.length === CAP, 5000, simulatorUrl);
  expect(await conversationsMatching(word)).toBe(CAP);
  for (const stream of admitted) await stop(viewer, stream);
  // Only the admitted ones ever reached the provider.
  expect(await simulatorRequests(slow.tag, simulatorUrl)).toHaveLength(CAP);
});

test("a slot is free again after a run ends by done, error, stop or disconnect, on either instance", async () => {
  test.setTimeout(90_000);
  const [slow, normal, failing] = [
    await simulatedConfiguration(admin, { provider: "openai", scenario: "slow-300", simulatorUrl }),
    await simulatedConfiguration(admin, { provider: "openai", simulatorUrl }),
    await simulatedConfiguration(admin, { provider: "anthropic", scenario: "midstream-error", simulatorUrl }),
  ];
  const viewer = await newViewer();
  const held = [
    await startPrompt(viewer, appA, { configuration: slow.slug, prompt: "held one" }),
    await startPrompt(viewer, appB, { configuration: slow.slug, prompt: "held two" }),
  ];
  for (const stream of held) expect(stream.response.status).toBe(200);

  // done
  const finished = await (await startPrompt(viewer, appA, { configuration: normal.slug, prompt: "finishes" })).events;
  expect(finished.at(-1)?.data.type).toBe("done");
  let third = await admittedPrompt(viewer, appB, { configuration: slow.slug, prompt: "after done" });
  await expectBusy((await startPrompt(viewer, appA, { configuration: slow.slug, prompt: "over" })).response);

  // stop
  await stop(viewer, third);
  third = await admittedPrompt(viewer, appA, { configuration: slow.slug, prompt: "after stop" });
  await expectBusy((await startPrompt(viewer, appB, { configuration: slow.slug, prompt: "over" })).response);

  // disconnect: freed when the grace window (4 s in this stack) has passed and the run is abandoned
  await third.runId;
  third.controller.abort();
  third = await admittedPrompt(viewer, appB, { configuration: slow.slug, prompt: "after disconnect" }, 15_000);
  await expectBusy((await startPrompt(viewer, appA, { configuration: slow.slug, prompt: "over" })).response);

  // error
  await stop(viewer, third);
  const failed = await (await admittedPrompt(viewer, appA, { configuration: failing.slug, prompt: "fails" })).events;
  expect(failed.at(-1)?.data.type).toBe("error");
  third = await admittedPrompt(viewer, appA, { configuration: slow.slug, prompt: "after error" });
  await expectBusy((await startPrompt(viewer, appB, { configuration: slow.slug, prompt: "over" })).response);

  for (const stream of [...held, third]) await stop(viewer, stream);
});

test("starts per minute: the 11th start within a minute is refused with Retry-After, and never reaches the provider", async () => {
  const normal = await simulatedConfiguration(admin, { provider: "openai", scenario: "fast", simulatorUrl });
  const viewer = await newViewer();
  for (let index = 0; index < STARTS_PER_MINUTE; index += 1) {
    const events = await (
      await startPrompt(viewer, index % 2 ? appB : appA, { configuration: normal.slug, prompt: `quick ${index}` })
    ).events;
    expect(events.at(-1)?.data.type).toBe("done");
  }
  const refused = await call(viewer, appA, "/api/stream", { configuration: normal.slug, prompt: "one too many" });
  expect(refused.status).toBe(429);
  const retryAfter = Number(refused.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = await readError(refused);
  expect(body.error).toEqual({
    code: "rate_limited",
    message: expect.stringContaining(
      `You started ${STARTS_PER_MINUTE} replies in the last minute, the limit per user. Try again in`,
    ) as unknown,
  });
  expect(await simulatorRequests(normal.tag, simulatorUrl)).toHaveLength(STARTS_PER_MINUTE);
});

test("a compare set of N configurations counts N replies", async () => {
  const configurations = [];
  for (let index = 0; index < 4; index += 1)
    configurations.push(
      await simulatedConfiguration(admin, { provider: "openai", scenario: "slow-300", simulatorUrl }),
    );
  const slugs = configurations.map((configuration) => configuration.slug);
  const viewer = await newViewer();

  const tooWide = await call(viewer, appA, "/api/compare-sets", { configurations: slugs, prompt: "four at once" });
  expect(tooWide.status).toBe(400);
  expect((await readError(tooWide)).error.message).toContain(
    `over the limit of ${CAP} per user. Pick at most ${CAP} configurations`,
  );

  const busy = [
    await startPrompt(viewer, appA, { configuration: slugs[0], prompt: "busy one" }),
    await startPrompt(viewer, appB, { configuration: slugs[0], prompt: "busy two" }),
  ];
  const noRoom = await call(viewer, appB, "/api/compare-sets", {
    configurations: slugs.slice(0, 2),
    prompt: "two more",
  });
  expect(noRoom.status).toBe(429);
  expect((await readError(noRoom)).error.message).toContain("so 2 more cannot start now");
  for (const stream of busy) await stop(viewer, stream);

  const created = await call(viewer, appA, "/api/compare-sets", {
    configurations: slugs.slice(0, CAP),
    prompt: "three at once",
  });
  expect(created.status).toBe(201);
  const { set } = await readAnswer(created, compareSetAnswerSchema);
  const columns = await Promise.all(
    set.conversations.map(async (member, index) => {
      const controller = new AbortController();
      return attach(
        await call(
          viewer,
          index % 2 ? appB : appA,
          `/api/conversations/${member.id}/stream`,
          { message: "three at once" },
          controller.signal,
        ),
        controller,
      );
    }),
  );
  for (const column of columns) expect(column.response.status).toBe(200);
  await expectBusy((await startPrompt(viewer, appB, { configuration: slugs[3], prompt: "a fourth" })).response);
  for (const column of columns) await stop(viewer, column);
});

test("maxTokens above the configuration's cap is a 400 naming the cap, and nothing is sent or saved", async () => {
  const configuration = await simulatedConfiguration(admin, { provider: "openai", simulatorUrl });
  const capped = await admin.patch(`/api/configurations/${configuration.id}`, { data: { maxTokensCap: 100 } });
  expect(capped.status()).toBe(200);
  expect((await readAnswer(capped, configurationAnswerSchema)).configuration.maxTokensCap).toBe(100);
  const viewer = await newViewer();
  const word = unique("greedy");

  const refused = await call(viewer, appA, "/api/stream", {
    configuration: configuration.slug,
    prompt: word,
    maxTokens: 101,
  });
  expect(refused.status).toBe(400);
  expect((await readError(refused)).error).toMatchObject({
    code: "invalid_params",
    message: expect.stringContaining("maxTokens 101 is over the cap of 100 tokens"),
  });
  // The review's maxTokens of 1 M on a configuration without a cap of its own: the server's default cap.
  const other = await simulatedConfiguration(admin, { provider: "openai", simulatorUrl });
  const huge = await call(viewer, appB, "/api/stream", {
    configuration: other.slug,
    prompt: word,
    maxTokens: 1_000_000,
  });
  expect(huge.status).toBe(400);
  expect((await readError(huge)).error.message).toContain("over the cap of 4096 tokens");
  expect(await simulatorRequests(configuration.tag, simulatorUrl)).toHaveLength(0);
  expect(await simulatorRequests(other.tag, simulatorUrl)).toHaveLength(0);
  expect(await conversationsMatching(word)).toBe(0);

  // Asking for nothing sends the admin's cap; the defaults must respect it.
  const events = await (
    await startPrompt(viewer, appA, { configuration: configuration.slug, prompt: "within the cap" })
  ).events;
  expect(events.at(-1)?.data.type).toBe("done");
  expect((await simulatorRequests(configuration.tag, simulatorUrl))[0]?.body).toMatchObject({
    max_completion_tokens: 100,
  });
  const defaults = await admin.patch(`/api/configurations/${configuration.id}`, {
    data: { defaultParams: { maxTokens: 200 } },
  });
  expect(defaults.status()).toBe(400);
  expect((await readError(defaults)).error.issues).toContainEqual({
    path: "defaultParams.maxTokens",
    message: "default max tokens cannot be over the max tokens cap (100)",
  });
});

test("a context over the limit is a 400 before any provider call, never truncated", async () => {
  const configuration = await simulatedConfiguration(admin, { provider: "openai", scenario: "fast", simulatorUrl });
  const viewer = await newViewer();
  // About 1,000 tokens each: two turns fit in 3,000, the third does not.
  const big = (label: string) => `${label} ${"alpha beta gamma delta ".repeat(250)}`;
  const first = await (
    await startPrompt(viewer, appA, { configuration: configuration.slug, prompt: big("first") })
  ).events;
  const conversationId = Number(first[0]?.data.conversationId);
  expect(first.at(-1)?.data.type).toBe("done");
  const second = await attach(
    await call(viewer, appB, `/api/conversations/${conversationId}/stream`, { message: big("second") }),
    new AbortController(),
  ).events;
  expect(second.at(-1)?.data.type).toBe("done");

  const refused = await call(viewer, appA, `/api/conversations/${conversationId}/stream`, { message: big("third") });
  expect(refused.status).toBe(400);
  const { error } = await readError(refused);
  expect(error.code).toBe("invalid_params");
  expect(error.message).toMatch(
    /^This conversation is about [\d,]+ tokens \(system prompt, earlier turns and the new message\), over the limit of 3,000 per request\. Start a new conversation/u,
  );
  expect(await simulatorRequests(configuration.tag, simulatorUrl)).toHaveLength(2);
  const saved = await readAnswer(await admin.get(`/api/conversations/${conversationId}`), conversationAnswerSchema);
  expect(saved.conversation.messages).toHaveLength(4);

  const prompt = await call(viewer, appB, "/api/stream", {
    configuration: configuration.slug,
    prompt: big("alone").repeat(4),
  });
  expect(prompt.status).toBe(400);
  expect((await readError(prompt)).error.message).toMatch(/^This prompt is about [\d,]+ tokens/u);
  expect(await simulatorRequests(configuration.tag, simulatorUrl)).toHaveLength(2);
});

test("connection tests have their own, smaller limit per minute", async () => {
  const configuration = await simulatedConfiguration(admin, { provider: "openai", scenario: "fast", simulatorUrl });
  const viewer = await newViewer();
  for (const baseUrl of [appA, appB])
    expect((await call(viewer, baseUrl, `/api/configurations/${configuration.id}/test`)).status).toBe(200);
  const sent = (await simulatorRequests(configuration.tag, simulatorUrl)).length;
  const refused = await call(viewer, appA, `/api/configurations/${configuration.id}/test`);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await readError(refused)).error.message).toContain(
    "You ran 2 connection tests in the last minute, the limit per user",
  );
  expect(await simulatorRequests(configuration.tag, simulatorUrl)).toHaveLength(sent);
});
