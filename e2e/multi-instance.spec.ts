// Two production app processes on one database and one Redis (REDIS_URL, a key prefix of their
// own): a run streamed by A can be stopped through B, and resumed on B after a disconnect from A,
// with one provider request. Its own stack (not the suite's web server); skipped with the reason
// when no Redis answers on a developer machine, failed under CI.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { freePort } from "../lib/testing/free-port";
import { redisUnavailableReason, TEST_REDIS_URL, uniqueKeyPrefix } from "../lib/testing/redis";
import { replyText } from "../lib/simulator/reply";
import { signedInContext, unique } from "./support/api-session";
import { E2E_ADMIN } from "./support/credentials";
import { startOwnStack, type OwnStack } from "./support/own-stack";
import { simulatorRequests, waitForSimulator } from "./support/simulator-control";
import { openStream, readEvents, textOf, type ReceivedEvent } from "./support/sse-client";
import { simulatedConfiguration } from "./support/stream-fixtures";
import { readAnswer } from "./support/api";
import { createdTokenAnswerSchema } from "../lib/contracts/tokens";
import { conversationAnswerSchema } from "../lib/contracts/conversations";
import { userAnswerSchema } from "../lib/contracts/users";

test.describe.configure({ mode: "serial" });

let stack: OwnStack | undefined;
let appA = "";
let appB = "";
let simulatorUrl = "";
let admin: APIRequestContext;
let token = "";

test.beforeAll(async () => {
  const unavailable = await redisUnavailableReason();
  if (unavailable) console.warn(`[multi-instance] skipped: ${unavailable}`);
  test.skip(unavailable !== null, unavailable ?? "");
  test.setTimeout(240_000);
  stack = await startOwnStack({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: uniqueKeyPrefix(),
    STACK_PORTS: `${await freePort()},${await freePort()}`,
  });
  [appA = "", appB = ""] = stack.apps;
  simulatorUrl = stack.simulatorUrl;
  admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password, appA);
  token = (
    await readAnswer(await admin.post("/api/tokens", { data: { name: "multi-instance" } }), createdTokenAnswerSchema)
  ).token;
  // Next loads a route on its first request; load the stream route on both before timing anything.
  for (const url of [appA, appB])
    expect((await fetch(`${url}/api/stream`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(400);
});

test.afterAll(async () => {
  await admin?.dispose();
  await stack?.stop();
});

const streamPath = (slug: string, prompt: string) =>
  `/api/stream?configuration=${encodeURIComponent(slug)}&prompt=${encodeURIComponent(prompt)}`;
const seqOf = (event: ReceivedEvent | undefined) => Number(event?.id?.split(":")[1]);

async function savedReply(
  conversationId: unknown,
  baseUrl: string,
): Promise<{ status: string; content: string; error: { code: string } | null } | undefined> {
  const response = await fetch(`${baseUrl}/api/conversations/${String(conversationId)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = await readAnswer(response, conversationAnswerSchema);
  return body.conversation.messages.find((message) => message.role === "assistant");
}

test("both instances report Redis in their health", async () => {
  for (const url of [appA, appB]) {
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: "ok", database: "ok", redis: "ok" });
  }
});

test("a stop sent to B cancels the provider request of a stream served by A, and the reply is saved aborted", async () => {
  const configuration = await simulatedConfiguration(admin, { provider: "openai", scenario: "slow", simulatorUrl });
  let runId = "";
  const reading = readEvents(
    await openStream(streamPath(configuration.slug, "Stop me elsewhere"), { token, baseUrl: appA }),
    { onEvent: (event) => (runId ||= String(event.data.runId ?? "")) },
  );
  await waitForSimulator(configuration.tag, (requests) => (requests[0]?.tokensSent ?? 0) >= 3, 5000, simulatorUrl);
  const stoppedAt = Date.now();
  const stop = await fetch(`${appB}/api/runs/${runId}/stop`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(stop.status).toBe(200);
  expect(await stop.json()).toEqual({ runId, stopped: true, status: "aborted" });
  const [request] = await waitForSimulator(
    configuration.tag,
    (requests) => requests[0]?.clientDisconnected === true,
    2000,
    simulatorUrl,
  );
  expect((request?.disconnectedAt ?? Infinity) - stoppedAt).toBeLessThan(2000);
  const received = await reading;
  expect(received[received.length - 1]?.data).toMatchObject({ type: "done", finishReason: "aborted" });
  const text = textOf(received);
  expect(text.length).toBeGreaterThan(0);
  // B answered after A saved it: the record is final already.
  expect(await savedReply(received[0]?.data.conversationId, appB)).toMatchObject({
    status: "aborted",
    content: text,
    error: { code: "stopped" },
  });
  // Stopping again is not an error, and says the run is over.
  const again = await fetch(`${appB}/api/runs/${runId}/stop`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(await again.json()).toMatchObject({ stopped: false });
});

test("a client that leaves A and reconnects to B with Last-Event-ID gets the rest, in order, from one provider request", async () => {
  // About 5.6 s of reply: the part read on B outlasts A's grace window (4 s), which B's client must hold.
  const configuration = await simulatedConfiguration(admin, { provider: "openai", scenario: "slow-100", simulatorUrl });
  const prompt = "Resume me on another instance";
  const controller = new AbortController();
  const first = await readEvents(
    await openStream(streamPath(configuration.slug, prompt), { token, baseUrl: appA, signal: controller.signal }),
    {
      controller,
      stopWhen: (seen) => seen.filter((event) => event.data.type === "chunk").length >= 4,
    },
  );
  const lastId = first[first.length - 1]?.id ?? "";
  const resumed = await openStream(streamPath(configuration.slug, prompt), {
    token,
    baseUrl: appB,
    headers: { "Last-Event-ID": lastId },
  });
  expect(resumed.status).toBe(200);
  const rest = await readEvents(resumed);
  const all = [...first, ...rest];
  expect(all.map(seqOf)).toEqual(all.map((_event, index) => index));
  expect(textOf(all)).toBe(replyText(prompt));
  expect(rest[rest.length - 1]?.data).toMatchObject({ type: "done", finishReason: "stop" });
  expect(await simulatorRequests(configuration.tag, simulatorUrl)).toHaveLength(1);
  await expect.poll(async () => (await savedReply(first[0]?.data.conversationId, appB))?.status).toBe("complete");

  // After the end: nothing left after the last event is a 204; an earlier position replays the rest.
  const path = streamPath(configuration.slug, prompt);
  expect(
    (await openStream(path, { token, baseUrl: appB, headers: { "Last-Event-ID": rest[rest.length - 1]?.id ?? "" } }))
      .status,
  ).toBe(204);
  const replay = await readEvents(
    await openStream(path, { token, baseUrl: appB, headers: { "Last-Event-ID": first[1]?.id ?? "" } }),
  );
  expect(replay.map((event) => event.id)).toEqual(all.slice(2).map((event) => event.id));
  expect(await simulatorRequests(configuration.tag, simulatorUrl)).toHaveLength(1);
});

test("an API token revoked through A is refused by B on the very next request, though B had just used it", async () => {
  const created = await admin.post("/api/tokens", { data: { name: unique("revoke-elsewhere") } });
  const { token: revokable, apiToken } = await readAnswer(created, createdTokenAnswerSchema);
  const listOnB = () => fetch(`${appB}/api/conversations`, { headers: { Authorization: `Bearer ${revokable}` } });
  // Twice, so B answers the second from its identity cache.
  expect((await listOnB()).status).toBe(200);
  expect((await listOnB()).status).toBe(200);
  expect((await admin.delete(`/api/tokens/${apiToken.id}`)).status()).toBe(200);
  const refused = await listOnB();
  expect(refused.status).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });
});

test("a user deactivated through A is refused by B at once, though B had just served their session", async () => {
  const email = `${unique("deactivated")}@example.com`;
  const password = "deactivated-password-1";
  const created = await admin.post("/api/users", { data: { email, password, role: "viewer" } });
  expect(created.status()).toBe(201);
  const { user } = await readAnswer(created, userAnswerSchema);
  const viewerOnB = await signedInContext(email, password, appB);
  try {
    expect((await viewerOnB.get("/api/conversations")).status()).toBe(200);
    expect((await viewerOnB.get("/api/conversations")).status()).toBe(200);
    expect((await admin.patch(`/api/users/${user.id}`, { data: { active: false } })).status()).toBe(200);
    const refused = await viewerOnB.get("/api/conversations");
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });
  } finally {
    await viewerOnB.dispose();
  }
});
