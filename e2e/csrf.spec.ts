// CSRF (review M1): a page on another port of the same host — same site, so the Lax session cookie
// rides along — must not start runs or change anything with a signed-in visitor's cookie, through
// <img>, a no-cors fetch or a text/plain form; the app's own pages still stream and save; the
// header matrix of the review against the real server; bearer tokens need no Origin.
import { expect, test, type APIRequestContext, type Request as PlaywrightRequest } from "@playwright/test";
import { startAttackerPage, type AttackerPage } from "./support/attacker-page";
import { BASE_URL, adminWithToken, unique } from "./support/api-session";
import { signInThroughForm } from "./support/browser-session";
import { E2E_ADMIN } from "./support/credentials";
import { eventSourceTypes } from "./support/page-event-source";
import { simulatorRequests, waitForSimulator } from "./support/simulator-control";
import { simulatedConfiguration } from "./support/stream-fixtures";
import { readAnswer, readError } from "./support/api";
import { conversationAnswerSchema, conversationListAnswerSchema } from "../lib/contracts/conversations";

const APP = new URL(BASE_URL).origin;
const SESSION_COOKIE = "next-auth.session-token";

let admin: APIRequestContext;
let token: string;
let attacker: AttackerPage | undefined;

test.beforeAll(async () => {
  ({ admin, token } = await adminWithToken(E2E_ADMIN.email, E2E_ADMIN.password, "csrf"));
});

test.afterAll(async () => {
  await attacker?.close();
  await admin.dispose();
});

async function newConversation(configuration: number, title: string): Promise<number> {
  const response = await admin.post("/api/conversations", { data: { configuration: String(configuration), title } });
  expect(response.status()).toBe(201);
  return (await readAnswer(response, conversationAnswerSchema)).conversation.id;
}

async function messagesOf(conversationId: number): Promise<string[]> {
  const body = await readAnswer(await admin.get(`/api/conversations/${conversationId}`), conversationAnswerSchema);
  return body.conversation.messages.map((message) => message.content);
}

async function conversationsTitled(title: string): Promise<number> {
  const body = await readAnswer(
    await admin.get(`/api/conversations?search=${encodeURIComponent(title)}`),
    conversationListAnswerSchema,
  );
  return body.conversations.length;
}

/** The review's attacker page: subresources and forms aimed at the app, all sent with the visitor's cookie. */
function attackHtml({
  slug,
  configurationId,
  conversationId,
  marker,
}: {
  slug: string;
  configurationId: number;
  conversationId: number;
  marker: string;
}): string {
  const stream = `${APP}/api/stream?configuration=${slug}&prompt=${marker}-img`;
  const turn = `${APP}/api/conversations/${conversationId}/stream`;
  const createBody = `{"configuration":"${configurationId}","title":"${marker}-form","x":"`;
  return `<!doctype html><title>attacker</title>
<img src="${stream}">
<img src="${turn}?message=${marker}-img-turn">
<iframe name="sink-create"></iframe><iframe name="sink-turn"></iframe>
<form id="create" target="sink-create" method="POST" enctype="text/plain" action="${APP}/api/conversations"><input name='${createBody}' value='"}'></form>
<form id="turn" target="sink-turn" method="POST" enctype="text/plain" action="${turn}"><input name='{"message":"${marker}-form-turn","x":"' value='"}'></form>
<script>
  fetch(${JSON.stringify(`${turn}?message=${marker}-nocors-turn`)}, { mode: "no-cors", credentials: "include" }).catch(() => {});
  fetch(${JSON.stringify(`${APP}/api/stream?configuration=${slug}&prompt=${marker}-nocors`)}, { mode: "no-cors", credentials: "include", referrerPolicy: "no-referrer" }).catch(() => {});
  document.getElementById("create").submit();
  document.getElementById("turn").submit();
</script>`;
}

test("a same-site page cannot start runs or change data with the visitor's cookie; the app's own pages still stream and save", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const configuration = await simulatedConfiguration(admin, { provider: "openai" });
  const conversationId = await newConversation(configuration.id, unique("csrf-target"));
  const marker = unique("CSRF");
  attacker = await startAttackerPage(
    attackHtml({ slug: configuration.slug, configurationId: configuration.id, conversationId, marker }),
  );

  await signInThroughForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const evil = await context.newPage();
  // Every request of the attack page to the app, once answered (a 403 JSON body to an <img> or a
  // no-cors fetch is then blocked by the browser: the request "fails", its response is still there).
  const answered: Array<Promise<{ what: string; status: number | string; cookie: boolean; site: string | undefined }>> =
    [];
  const record = (request: PlaywrightRequest): void => {
    if (!request.url().startsWith(`${APP}/api/`)) return;
    answered.push(
      (async () => {
        const headers = await request.allHeaders();
        const response = await request.response().catch(() => null);
        return {
          what: `${request.method()} ${new URL(request.url()).pathname}`,
          status: response?.status() ?? `failed: ${request.failure()?.errorText ?? "?"}`,
          cookie: (headers.cookie ?? "").includes(SESSION_COOKIE),
          site: headers["sec-fetch-site"],
        };
      })(),
    );
  };
  evil.on("requestfinished", record);
  evil.on("requestfailed", record);
  await evil.goto(attacker.url);
  await expect.poll(() => answered.length, { message: "the six requests to the app were answered" }).toBe(6);
  const seen = await Promise.all(answered);
  // The browser did send the session cookie (same site): only the server's check stops them.
  // (Chromium reports the sent cookie to the tools for the form navigations only.)
  const posts = seen.filter((request) => request.what.startsWith("POST"));
  expect(
    posts.every((request) => request.cookie && request.site === "same-site"),
    JSON.stringify(seen),
  ).toBe(true);
  // Chromium may withhold a blocked no-cors answer from the tools (ORB); the side effects below are the proof then.
  expect(
    seen.filter((request) => request.status !== 403 && request.status !== "failed: net::ERR_BLOCKED_BY_ORB"),
    JSON.stringify(seen),
  ).toEqual([]);
  expect(
    posts.map((request) => request.status),
    "the two form posts",
  ).toEqual([403, 403]);
  // A refused request had started nothing by the time it was answered; give a started one time to show.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(await simulatorRequests(configuration.tag), "no provider call").toEqual([]);
  expect(await messagesOf(conversationId), "no turn appended").toEqual([]);
  expect(await conversationsTitled(`${marker}-form`), "no conversation created").toBe(0);
  expect(await conversationsTitled(`${marker}-img`), "no prompt run saved").toBe(0);

  // The same browser on the app's own pages: a fetch POST turn and an EventSource prompt run.
  await page.goto("/conversations");
  const turn = await page.evaluate(async (path) => {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message: "From the app itself" }),
    });
    return { status: response.status, body: await response.text() };
  }, `/api/conversations/${conversationId}/stream`);
  expect(turn.status).toBe(200);
  expect(turn.body).toContain('"type":"done"');
  const streamed = await eventSourceTypes(
    page,
    `/api/stream?configuration=${configuration.slug}&prompt=${encodeURIComponent("From the app's EventSource")}`,
  );
  expect(streamed[0]).toBe("start");
  expect(streamed.at(-1)).toBe("done");
  await waitForSimulator(
    configuration.tag,
    (requests) => requests.length === 2 && requests.every((request) => request.completed),
    10_000,
  );
  expect(await messagesOf(conversationId)).toEqual(["From the app itself", expect.any(String)]);
});

// What curl can claim, against the real server: each row a header set sent with the admin's cookie.
const REFUSED: ReadonlyArray<[string, Record<string, string>]> = [
  ["Sec-Fetch-Site: same-site (no Origin)", { "Sec-Fetch-Site": "same-site" }],
  ["Sec-Fetch-Site: cross-site (no Origin)", { "Sec-Fetch-Site": "cross-site" }],
  ["Sec-Fetch-Site: none (no Origin)", { "Sec-Fetch-Site": "none" }],
  ["no Origin, no Sec-Fetch-Site, no Referer (old browser)", {}],
  ["Origin: null", { Origin: "null" }],
  ["a look-alike Origin", { Origin: `${APP}.evil.example` }],
  ["a look-alike Origin with userinfo", { Origin: `http://127.0.0.1@evil.example:${new URL(APP).port}` }],
  ["another port of the same host", { Origin: "http://127.0.0.1:4259" }],
  ["the other scheme", { Origin: APP.replace("http:", "https:") }],
  ["the bind address", { Origin: `http://0.0.0.0:${new URL(APP).port}` }],
  ["a foreign Origin named in X-Forwarded-Host", { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" }],
  ["the app's Origin, but Sec-Fetch-Site: same-site", { Origin: APP, "Sec-Fetch-Site": "same-site" }],
  ["a Referer from another port (no Origin, no Fetch Metadata)", { Referer: "http://127.0.0.1:4259/attack.html" }],
];
const ACCEPTED: ReadonlyArray<[string, Record<string, string>]> = [
  ["the app's Origin", { Origin: APP }],
  ["Sec-Fetch-Site: same-origin (the app's EventSource)", { "Sec-Fetch-Site": "same-origin" }],
  ["the app's Referer only (a plain-HTTP host: no Fetch Metadata)", { Referer: `${APP}/playground` }],
];

test("the origin matrix against the real server: only the app's own origin may use the cookie; bearer tokens need none", async () => {
  test.setTimeout(120_000);
  const configuration = await simulatedConfiguration(admin, { provider: "openai" });
  const conversationId = await newConversation(configuration.id, unique("csrf-matrix"));
  const cookie = (await admin.storageState()).cookies.map((entry) => `${entry.name}=${entry.value}`).join("; ");
  type Call = { label: string; path: string; method: "GET" | "POST"; body?: string };
  const streamGet: Call = {
    label: "GET /api/stream",
    path: `/api/stream?configuration=${configuration.slug}&prompt=matrix`,
    method: "GET",
  };
  const calls: Call[] = [
    streamGet,
    { label: "GET turn", path: `/api/conversations/${conversationId}/stream?message=matrix`, method: "GET" },
    {
      label: "POST /api/conversations",
      path: "/api/conversations",
      method: "POST",
      body: JSON.stringify({ configuration: String(configuration.id), title: "matrix" }),
    },
  ];
  const send = (call: Call, headers: Record<string, string>) =>
    fetch(`${APP}${call.path}`, {
      method: call.method,
      headers: { ...(call.body ? { "Content-Type": "application/json" } : {}), ...headers },
      body: call.body,
    });

  const wrong: string[] = [];
  for (const call of calls) {
    for (const [label, headers] of REFUSED) {
      const response = await send(call, { Cookie: cookie, ...headers });
      const text = await response.text();
      const json = response.headers.get("content-type")?.startsWith("application/json") === true;
      if (response.status !== 403 || !json || !text.includes('"code":"forbidden"'))
        wrong.push(`${call.label}, ${label} → ${response.status} ${text.slice(0, 120)}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(await simulatorRequests(configuration.tag), "no refused request reached the provider").toEqual([]);
  expect(await messagesOf(conversationId)).toEqual([]);
  const refusal = await readError(await send(streamGet, { Cookie: cookie, "Sec-Fetch-Site": "same-site" }));
  expect(refusal.error.message).toMatch(/outside this app/);

  for (const [label, headers] of ACCEPTED) {
    for (const call of calls) {
      const response = await send(call, { Cookie: cookie, ...headers });
      const text = await response.text();
      if (!response.ok || (call.method === "GET" && !text.includes('"type":"done"')))
        wrong.push(`${call.label}, ${label} → ${response.status} ${text.slice(0, 120)}`);
    }
  }
  expect(wrong).toEqual([]);

  // A bearer token is never sent by a browser on its own: no Origin, or a foreign one, is fine.
  const bearerHeaders: Array<Record<string, string>> = [
    {},
    { Origin: "http://evil.example" },
    { "Sec-Fetch-Site": "cross-site" },
  ];
  for (const headers of bearerHeaders) {
    const response = await send(streamGet, { Authorization: `Bearer ${token}`, ...headers });
    expect(response.status, JSON.stringify(headers)).toBe(200);
    expect(await response.text()).toContain('"type":"done"');
  }
});
