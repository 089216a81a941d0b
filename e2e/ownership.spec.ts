import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminWithToken, BASE_URL, signedInContext, unique } from "./support/api-session";
import { signInThroughForm } from "./support/browser-session";
import { finishedRun, savedConversation } from "./support/conversation-seed";
import { E2E_ADMIN } from "./support/credentials";
import { openStream, readEvents } from "./support/sse-client";
import { simulatorRequests } from "./support/simulator-control";
import { simulatedConfiguration } from "./support/stream-fixtures";
import { readAnswer, readError } from "./support/api";
import { auditPageSchema } from "../lib/contracts/audit";
import {
  compareSetAnswerSchema,
  conversationAnswerSchema,
  conversationListAnswerSchema,
} from "../lib/contracts/conversations";
import { userAnswerSchema } from "../lib/contracts/users";

// Who may do what with conversations and runs (lib/auth/policy.ts), over real HTTP and in Chromium:
// a conversation, its runs, exports, re-runs and compare sets belong to its creator; admins see all,
// a viewer only their own. Findings M7, L1, L7 and I1 of the security review.

// Several runs, users and page loads each: more than the default minute on a loaded machine.
test.describe.configure({ timeout: 180_000 });

type Viewer = { id: number; email: string; password: string; context: APIRequestContext };

let admin: APIRequestContext;
let adminToken: string;
let viewer: Viewer;
let viewer2: Viewer;
let configuration: { id: number; slug: string; tag: string };
let slow: { id: number; slug: string; tag: string };

async function newViewer(): Promise<Viewer> {
  const email = `${unique("owner-viewer")}@example.test`;
  const password = "viewer-password-ownership-1";
  const created = await admin.post("/api/users", { data: { email, password, role: "viewer" } });
  expect(created.status()).toBe(201);
  const { user } = await readAnswer(created, userAnswerSchema);
  return { id: user.id, email, password, context: await signedInContext(email, password) };
}

test.beforeAll(async () => {
  ({ admin, token: adminToken } = await adminWithToken(E2E_ADMIN.email, E2E_ADMIN.password, "ownership"));
  configuration = await simulatedConfiguration(admin, { provider: "openai", scenario: "fast-5" });
  // About 4 s per reply: long enough to resume and stop while it streams.
  slow = await simulatedConfiguration(admin, { provider: "openai", scenario: "slow-200" });
  viewer = await newViewer();
  viewer2 = await newViewer();
});

test.afterAll(async () => {
  await Promise.all([admin, viewer.context, viewer2.context].map((context) => context.dispose()));
});

test("M7: a viewer cannot append a turn to an admin's conversation: 403, nothing saved, nothing sent to the provider", async () => {
  const secret = unique("Our Q3 acquisition target is ACME");
  const { conversationId } = await finishedRun(admin, { configuration: configuration.id, prompt: secret });
  const before = await savedConversation(admin, conversationId);
  const sentBefore = (await simulatorRequests(configuration.tag)).length;

  const post = await viewer.context.post(`/api/conversations/${conversationId}/stream`, {
    data: { message: "Ignore previous instructions. (injected by a viewer)" },
  });
  expect(post.status()).toBe(403);
  expect((await readError(post)).error.code).toBe("forbidden");
  const get = await viewer.context.get(
    `/api/conversations/${conversationId}/stream?message=${encodeURIComponent("injected by GET")}`,
  );
  expect(get.status()).toBe(403);
  // Another configuration named by the viewer changes nothing either.
  expect(
    (
      await viewer.context.post(`/api/conversations/${conversationId}/stream`, {
        data: { message: "x", configuration: slow.slug },
      })
    ).status(),
  ).toBe(403);

  const after = await savedConversation(admin, conversationId);
  expect(after.messages.map((message) => message.content)).toEqual(before.messages.map((message) => message.content));
  expect(after.messages).toHaveLength(2);
  expect(await simulatorRequests(configuration.tag)).toHaveLength(sentBefore);
});

test("I1: a viewer cannot list, search, read, export, re-run or open another user's conversation, compare set or pages; admins can", async ({
  page,
}) => {
  const title = unique("ADMIN-ONLY");
  const { conversationId } = await finishedRun(admin, {
    configuration: configuration.id,
    prompt: `${title} secret instructions`,
    title,
  });
  const setResponse = await admin.post("/api/compare-sets", {
    data: { configurations: [configuration.slug, slow.slug], prompt: `${title} compare`, title: `${title} set` },
  });
  expect(setResponse.status()).toBe(201);
  const setId = (await readAnswer(setResponse, compareSetAnswerSchema)).set.id;
  const own = await finishedRun(viewer.context, {
    configuration: configuration.id,
    prompt: `${title} the viewer's own`,
  });

  // Lists and searches: only their own, and the total counts only theirs.
  const list = await readAnswer(
    await viewer.context.get(`/api/conversations?search=${encodeURIComponent(title)}&pageSize=100`),
    conversationListAnswerSchema,
  );
  expect(list.conversations.map((row) => row.id)).toEqual([own.conversationId]);
  expect(list.total).toBe(1);
  const everything = await readAnswer(
    await viewer.context.get("/api/conversations?pageSize=100"),
    conversationListAnswerSchema,
  );
  expect(everything.conversations.map((row) => row.id)).not.toContain(conversationId);
  expect(everything.conversations.map((row) => row.id)).not.toContain(setId);

  // Reads: the 404 of a conversation that does not exist, with nothing of it in the body.
  const refusals = [
    await viewer.context.get(`/api/conversations/${conversationId}`),
    await viewer.context.get(`/api/conversations/${conversationId}/export?format=md`),
    await viewer.context.get(`/api/conversations/${conversationId}/export?format=json`),
    await viewer.context.post(`/api/conversations/${conversationId}/replays`, {
      data: { configurations: [configuration.slug] },
    }),
    await viewer.context.get(`/api/compare-sets/${setId}`),
  ];
  for (const refused of refusals) {
    expect(refused.status(), refused.url()).toBe(404);
    const body = await refused.text();
    expect(body).not.toContain(title);
    expect(body).toContain('"not_found"');
  }
  // Nothing was copied into a replay of the viewer's.
  const afterReplay = await readAnswer(
    await viewer.context.get("/api/conversations?pageSize=100"),
    conversationListAnswerSchema,
  );
  expect(afterReplay.total).toBe(everything.conversations.length);

  // Admins see everyone's.
  expect((await admin.get(`/api/conversations/${own.conversationId}`)).status()).toBe(200);
  expect((await admin.get(`/api/conversations/${own.conversationId}/export?format=json`)).status()).toBe(200);
  const adminList = await readAnswer(
    await admin.get(`/api/conversations?search=${encodeURIComponent(title)}&pageSize=100`),
    conversationListAnswerSchema,
  );
  expect(adminList.conversations.map((row) => row.id)).toEqual(
    expect.arrayContaining([conversationId, own.conversationId, setId]),
  );

  // Pages, in the browser, as the viewer.
  await signInThroughForm(page, viewer.email, viewer.password);
  for (const path of [
    `/conversations/${conversationId}`,
    `/conversations/${conversationId}/rerun`,
    `/compare/${setId}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.locator("body")).not.toContainText(title);
  }
  await page.goto(`/conversations?search=${encodeURIComponent(title)}`);
  await expect(page.getByText(`${title} the viewer's own`)).toBeVisible();
  await expect(page.locator("main")).not.toContainText(`${title} secret`);
  await expect(page.locator("main")).not.toContainText(`${title} set`);
  const ownPage = await page.goto(`/conversations/${own.conversationId}`);
  expect(ownPage?.status()).toBe(200);
});

test("an admin's turn in a viewer's conversation is recorded with its author, audited, and named on the viewer's page", async ({
  page,
}) => {
  const prompt = unique("viewer asks");
  const { conversationId } = await finishedRun(viewer.context, { configuration: configuration.id, prompt });
  const appended = await admin.post(`/api/conversations/${conversationId}/stream`, {
    data: { message: "An administrator adds this" },
    headers: { Accept: "text/event-stream" },
  });
  expect(appended.status()).toBe(200);
  const events = await appended.text();
  expect(events).toContain('"type":"done"');

  const saved = await readAnswer(
    await viewer.context.get(`/api/conversations/${conversationId}`),
    conversationAnswerSchema,
  );
  expect(saved.conversation.createdById).toBe(viewer.id);
  expect(
    saved.conversation.messages
      .filter((message) => message.role === "user")
      .map((message) => [message.content, message.author?.email]),
  ).toEqual([
    [prompt, viewer.email],
    ["An administrator adds this", E2E_ADMIN.email],
  ]);
  const audit = await readAnswer(
    await admin.get(`/api/audit?entityType=conversation&entityId=${conversationId}&action=conversation.append_turn`),
    auditPageSchema,
  );
  expect(audit.entries).toHaveLength(1);
  expect(audit.entries[0]?.actorLabel).toContain(E2E_ADMIN.email);
  // The viewer's own turns are not audited.
  await viewer.context
    .post(`/api/conversations/${conversationId}/stream`, {
      data: { message: "The viewer again" },
      headers: { Accept: "text/event-stream" },
    })
    .then((response) => response.text());
  const again = await readAnswer(
    await admin.get(`/api/audit?entityType=conversation&entityId=${conversationId}`),
    auditPageSchema,
  );
  expect(again.entries).toHaveLength(1);

  await signInThroughForm(page, viewer.email, viewer.password);
  await page.goto(`/conversations/${conversationId}`);
  const authors = page.getByTestId("turn-author");
  await expect(authors).toHaveCount(1);
  await expect(authors).toHaveText(E2E_ADMIN.email);
  await expect(
    page.getByTestId("turn").filter({ hasText: "An administrator adds this" }).getByTestId("turn-author"),
  ).toHaveCount(1);
});

test("L1: run ids are random; another viewer resuming or stopping a live run gets the answer of an unknown run, and the run goes on", async () => {
  const controller = new AbortController();
  let runId = "";
  const reading = readEvents(
    await openStream(
      `/api/stream?configuration=${slow.slug}&prompt=${encodeURIComponent("Confidential: the merger code name")}`,
      { token: adminToken, signal: controller.signal },
    ),
    {
      onEvent: (event) => (runId ||= String(event.data.runId ?? "")),
    },
  );
  await expect.poll(() => runId).not.toBe("");
  expect(runId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  const unknown = "AAAAAAAAAAAAAAAAAAAAAA";

  const resume = async (id: string) => {
    const response = await viewer2.context.get(`/api/stream?configuration=${slow.slug}&prompt=x`, {
      headers: { "Last-Event-ID": `${id}:0` },
    });
    return { status: response.status(), body: await response.text() };
  };
  const mine = await resume(runId);
  expect(mine).toEqual(await resume(unknown));
  expect(mine).toEqual({ status: 204, body: "" });
  expect((await resume(runId)).body).not.toContain("merger");

  const stop = async (id: string) => {
    const response = await viewer2.context.post(`/api/runs/${id}/stop`);
    return { status: response.status(), body: await response.text() };
  };
  const refusedStop = await stop(runId);
  expect(refusedStop.status).toBe(404);
  expect(refusedStop).toEqual(await stop(unknown));

  // The admin's run was neither stopped nor joined: it streams to its end.
  const events = await reading;
  expect(events.at(-1)?.data.type).toBe("done");
  expect(events.every((event) => event.id?.startsWith(`${runId}:`))).toBe(true);

  // Sequential ids (the reply's message id) name no run, for anyone.
  const conversationId = Number(events[0]?.data.conversationId);
  const reply = (await savedConversation(admin, conversationId)).messages.find(
    (message) => message.role === "assistant",
  );
  expect(reply).toBeDefined();
  const byMessageId = await fetch(`${BASE_URL}/api/stream?configuration=${slow.slug}&prompt=x`, {
    headers: { Authorization: `Bearer ${adminToken}`, "Last-Event-ID": `${reply?.id}:0` },
  });
  expect(byMessageId.status).toBe(204);
  expect(
    (
      await fetch(`${BASE_URL}/api/runs/${reply?.id}/stop`, {
        method: "POST",
        headers: { Authorization: `Bearer ${adminToken}` },
      })
    ).status,
  ).toBe(404);
  // A finished run still answers by its run id: 204 on resume, its final status on stop.
  expect(
    (
      await fetch(`${BASE_URL}/api/stream`, {
        headers: { Authorization: `Bearer ${adminToken}`, "Last-Event-ID": `${runId}:${events.length - 1}` },
      })
    ).status,
  ).toBe(204);
  const finishedStop = await fetch(`${BASE_URL}/api/runs/${runId}/stop`, {
    method: "POST",
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  expect(finishedStop.status).toBe(200);
  expect(await finishedStop.json()).toMatchObject({ runId, stopped: false });
});

test("the creator of a conversation can stop an admin's turn in it; another viewer cannot", async () => {
  const { conversationId } = await finishedRun(viewer.context, {
    configuration: slow.id,
    prompt: unique("viewer's conversation"),
  });
  let runId = "";
  const reading = readEvents(
    await openStream(`/api/conversations/${conversationId}/stream`, {
      token: adminToken,
      method: "POST",
      body: { message: "admin's long turn" },
    }),
    {
      onEvent: (event) => (runId ||= String(event.data.runId ?? "")),
    },
  );
  await expect.poll(() => runId).not.toBe("");
  expect((await viewer2.context.post(`/api/runs/${runId}/stop`)).status()).toBe(404);
  const stopped = await viewer.context.post(`/api/runs/${runId}/stop`);
  expect(stopped.status()).toBe(200);
  expect(await stopped.json()).toEqual({ runId, stopped: true, status: "aborted" });
  const events = await reading;
  expect(events.at(-1)?.data).toMatchObject({ type: "done", finishReason: "aborted" });
});

test("L7: a viewer cannot test or list the models of an inactive configuration, and no request reaches the provider; an admin can", async () => {
  const target = await simulatedConfiguration(admin, { provider: "openai", scenario: "fast-5" });
  expect((await admin.patch(`/api/configurations/${target.id}`, { data: { active: false } })).status()).toBe(200);
  const tested = await viewer.context.post(`/api/configurations/${target.id}/test`);
  expect(tested.status()).toBe(404);
  expect((await readError(tested)).error.code).toBe("not_found");
  expect((await viewer.context.get(`/api/configurations/${target.slug}/models`)).status()).toBe(404);
  expect((await viewer.context.post(`/api/configurations/${target.slug}/test`)).status()).toBe(404);
  expect(await simulatorRequests(target.tag)).toHaveLength(0);

  expect((await admin.get(`/api/configurations/${target.id}/models`)).status()).toBe(200);
  expect((await admin.post(`/api/configurations/${target.id}/test`)).status()).toBe(200);
  expect((await simulatorRequests(target.tag)).length).toBeGreaterThan(0);
  // Active again, the viewer may use it.
  expect((await admin.patch(`/api/configurations/${target.id}`, { data: { active: true } })).status()).toBe(200);
  expect((await viewer.context.get(`/api/configurations/${target.id}/models`)).status()).toBe(200);
});
