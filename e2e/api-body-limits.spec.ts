// Request size limits against the real server (L3, I7, L9): bodies are refused while they are
// read, never read in full first; only JSON that says so is parsed; the documented 20 MB import
// limit is the real one (Next's proxy no longer cuts bodies at 10 MB); a long prompt from the
// playground still works with Node's header limit at 64 KiB.
import http from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { MAX_HEADER_BYTES } from "../lib/boot/http-limits";
import { freePort } from "../lib/testing/free-port";
import { BODY_LIMITS } from "../lib/http/json-body";
import { IMPORT_MAX_MESSAGES } from "../lib/validation/conversation-file";
import { PROMPT_MAX_CHARS } from "../lib/validation/stream";
import { adminWithToken, BASE_URL } from "./support/api-session";
import { signInThroughForm } from "./support/browser-session";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./support/credentials";
import { startOwnStack, type OwnStack } from "./support/own-stack";
import { configurationOnSimulator } from "./support/stream-fixtures";
import { readAnswer } from "./support/api";
import { auditPageSchema, fieldChangesSchema } from "../lib/contracts/audit";
import {
  conversationAnswerSchema,
  conversationListAnswerSchema,
  importedConversationAnswerSchema,
} from "../lib/contracts/conversations";

type RawAnswer = { status: number; body: string; sentBytes: number };

/**
 * POSTs with node:http: `declaredLength` sends that Content-Length but only the first KiB of
 * body, else the body is chunked, 256 KiB at a time, until `chunkedBytes` or the answer. Either
 * way the answer must come before the body is complete.
 */
function rawPost(
  url: string,
  {
    headers,
    declaredLength,
    chunkedBytes = 0,
  }: { headers: Record<string, string>; declaredLength?: number; chunkedBytes?: number },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`no answer within 30 s after ${sentBytes} bytes`));
    }, 30_000);
    const request = http.request(
      url,
      {
        method: "POST",
        headers: { ...headers, ...(declaredLength === undefined ? {} : { "Content-Length": String(declaredLength) }) },
      },
      (response) => {
        answered = true;
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => {
          clearTimeout(timer);
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body, sentBytes });
        });
      },
    );
    // The server may close the socket once it has answered: that is not a failure.
    request.on("error", (error) => {
      if (!answered) {
        clearTimeout(timer);
        reject(error);
      }
    });
    const chunk = Buffer.from(`{"prompt":"${"a".repeat(256 * 1024)}`);
    const writeMore = (): void => {
      while (!answered && !request.destroyed) {
        if (declaredLength !== undefined) {
          request.write(chunk.subarray(0, 1024));
          sentBytes += 1024;
          return;
        }
        if (sentBytes >= chunkedBytes) {
          request.end();
          return;
        }
        sentBytes += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", writeMore);
          return;
        }
      }
    };
    writeMore();
  });
}

function errorOf(text: string): { code: string; message: string } {
  const parsed: unknown = JSON.parse(text);
  const error = (parsed as { error?: { code?: unknown; message?: unknown } }).error;
  if (typeof error?.code !== "string" || typeof error.message !== "string")
    throw new Error(`not an error answer: ${text.slice(0, 200)}`);
  return { code: error.code, message: error.message };
}

/** A valid conversation export of exactly `bytes` bytes (ASCII): `turns` turns, the last one padded. */
function exportFileOf({ bytes, turns }: { bytes: number; turns: number }): Buffer {
  const prose = "The quick brown fox jumps over the lazy dog while the kettle boils. ";
  const message = (content: string, index: number) => ({
    role: index % 2 === 0 ? "user" : "assistant",
    content,
    reasoning: null,
    status: "complete",
    error: null,
    finishReason: index % 2 === 0 ? null : "stop",
    configurationId: null,
    params: null,
    usage: {
      promptTokens: 10,
      completionTokens: 20,
      reasoningTokens: null,
      cachedTokens: null,
      estimatedTokens: null,
      source: "provider",
    },
    metrics: { ttftMs: 100, durationMs: 900 },
    timeline: null,
    createdAt: "2020-01-01T00:00:00.000Z",
    finishedAt: null,
  });
  const file = (contents: string[]) =>
    JSON.stringify({
      format: "llm-manager.conversation",
      version: 1,
      exportedAt: "2020-01-01T00:00:00.000Z",
      conversation: {
        title: "Sized import",
        origin: "chat",
        systemPrompt: null,
        params: {},
        configuration: null,
        createdAt: "2020-01-01T00:00:00.000Z",
        updatedAt: "2020-01-01T00:00:00.000Z",
        messages: contents.map(message),
      },
    });
  const empty = Buffer.byteLength(file(Array.from({ length: turns }, () => "")));
  const spare = bytes - empty;
  if (spare < 0) throw new Error(`${turns} turns take ${empty} bytes, more than ${bytes}`);
  // Each turn holds at most 1,000,000 characters: fill the turns in order.
  const contents = Array.from({ length: turns }, (_unused, index) => {
    const share = Math.max(0, Math.min(1_000_000, spare - index * 1_000_000));
    return prose.repeat(Math.ceil(share / prose.length)).slice(0, share);
  });
  const text = file(contents);
  expect(Buffer.byteLength(text)).toBe(bytes);
  return Buffer.from(text);
}

let admin: APIRequestContext;
let token: string;

test.beforeAll(async () => {
  ({ admin, token } = await adminWithToken(ADMIN_EMAIL, ADMIN_PASSWORD, "body-limits"));
});

test.afterAll(async () => {
  await admin.dispose();
});

test("a declared Content-Length over a route's limit is a 413 before the body is read", async () => {
  const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const importAnswer = await rawPost(`${BASE_URL}/api/conversations/import`, {
    headers: auth,
    declaredLength: 60_000_000,
  });
  expect(importAnswer.status).toBe(413);
  expect(errorOf(importAnswer.body)).toEqual({
    code: "payload_too_large",
    message: "Conversation file is larger than 20 MB, the most this endpoint accepts. Send less data.",
  });
  // Only the first KiB was sent: the answer came without waiting for the other 59.99 MB.
  expect(importAnswer.sentBytes).toBeLessThan(64 * 1024);

  const stream = await rawPost(`${BASE_URL}/api/stream`, { headers: auth, declaredLength: BODY_LIMITS.prompt + 1 });
  expect(stream.status).toBe(413);
  expect(errorOf(stream.body).message).toMatch(/larger than 2 MiB/);
  const form = await rawPost(`${BASE_URL}/api/configurations`, { headers: auth, declaredLength: BODY_LIMITS.form + 1 });
  expect(form.status).toBe(413);
});

test("a chunked body is cut off at the limit with a 413, not read to its end", async () => {
  const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const stream = await rawPost(`${BASE_URL}/api/stream`, { headers: auth, chunkedBytes: 200_000_000 });
  expect(stream.status).toBe(413);
  expect(errorOf(stream.body).code).toBe("payload_too_large");
  // Far less than the 200 MB on offer: the server stopped reading at 2 MiB (plus what socket buffers held).
  expect(stream.sentBytes).toBeLessThan(BODY_LIMITS.prompt + 16 * 1024 * 1024);

  const imported = await rawPost(`${BASE_URL}/api/conversations/import`, { headers: auth, chunkedBytes: 300_000_000 });
  expect(imported.status).toBe(413);
  expect(imported.sentBytes).toBeLessThan(BODY_LIMITS.import + 16 * 1024 * 1024);
});

test("a body that is not sent as JSON is a 415 and does nothing", async () => {
  const configuration = await configurationOnSimulator({ provider: "openai", scenario: "fast-5" });
  const before = (await readAnswer(await admin.get("/api/conversations?pageSize=1"), conversationListAnswerSchema))
    .total;
  const body = JSON.stringify({ configuration: configuration.slug, title: "text/plain CSRF" });
  for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
    const response = await admin.post("/api/conversations", {
      headers: { "Content-Type": contentType, Origin: BASE_URL },
      data: body,
    });
    expect(response.status(), contentType).toBe(415);
    expect(errorOf(await response.text()).message).toMatch(/Content-Type: application\/json/);
  }
  const unlabelled = await rawPost(`${BASE_URL}/api/conversations`, {
    headers: { Authorization: `Bearer ${token}` },
    chunkedBytes: 1,
  });
  expect(unlabelled.status).toBe(415);
  expect((await readAnswer(await admin.get("/api/conversations?pageSize=1"), conversationListAnswerSchema)).total).toBe(
    before,
  );
  // The same body as JSON is taken.
  const json = await admin.post("/api/conversations", {
    headers: { "Content-Type": "application/json; charset=utf-8", Origin: BASE_URL },
    data: body,
  });
  expect(json.status()).toBe(201);
});

test("an import just under 20 MB comes in, marked imported; one byte over is a 413 that says the limit", async () => {
  test.setTimeout(240_000);
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const under = await admin.post("/api/conversations/import", {
    headers,
    data: exportFileOf({ bytes: BODY_LIMITS.import, turns: 21 }),
    timeout: 200_000,
  });
  expect(under.status(), await under.text()).toBe(201);
  const { conversation } = await readAnswer(under, importedConversationAnswerSchema);
  const saved = await readAnswer(await admin.get(`/api/conversations/${conversation.id}`), conversationAnswerSchema);
  expect(saved.conversation.messages).toHaveLength(21);
  expect(saved.conversation.origin).toBe("chat");
  expect(saved.conversation.importedAt).not.toBeNull();

  const over = await admin.post("/api/conversations/import", {
    headers,
    data: exportFileOf({ bytes: BODY_LIMITS.import + 1, turns: 21 }),
    timeout: 60_000,
  });
  expect(over.status()).toBe(413);
  expect(errorOf(await over.text()).message).toBe(
    "Conversation file is larger than 20 MB, the most this endpoint accepts. Send less data.",
  );

  const audit = await readAnswer(
    await admin.get(`/api/audit?entityType=conversation&entityId=${conversation.id}`),
    auditPageSchema,
  );
  expect(
    audit.entries.map((entry) => {
      const changes = fieldChangesSchema.parse(entry.changes);
      return [entry.action, changes.bytes?.to, changes.messages?.to];
    }),
  ).toEqual([["conversation.import", BODY_LIMITS.import, 21]]);
});

test(`an import of ${IMPORT_MAX_MESSAGES} turns comes in; one more turn is a 400 that says the bound`, async () => {
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const atBound = await admin.post("/api/conversations/import", {
    headers,
    data: exportFileOf({ bytes: 2_000_000, turns: IMPORT_MAX_MESSAGES }),
  });
  expect(atBound.status()).toBe(201);
  const over = await admin.post("/api/conversations/import", {
    headers,
    data: exportFileOf({ bytes: 2_000_000, turns: IMPORT_MAX_MESSAGES + 1 }),
  });
  expect(over.status()).toBe(400);
  expect(errorOf(await over.text())).toMatchObject({
    code: "invalid_params",
    message: expect.stringMatching(/at most 2,000 messages/),
  });
});

test("an imported conversation says so in the list and on its page", async ({ page }) => {
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const response = await admin.post("/api/conversations/import", {
    headers,
    data: exportFileOf({ bytes: 5_000, turns: 2 }),
  });
  expect(response.status()).toBe(201);
  const { conversation } = await readAnswer(response, importedConversationAnswerSchema);
  await signInThroughForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto(`/conversations/${conversation.id}`);
  await expect(page.getByTestId("imported-note")).toContainText("imported from a file");
  await page.goto("/conversations?search=Sized%20import");
  await expect(
    page.locator(`[data-testid="conversation-row"][data-id="${conversation.id}"]`).getByTestId("imported-badge"),
  ).toHaveText("· imported");
});

test("a long prompt from the playground streams (POST), while a request head over 64 KiB is refused", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const configuration = await configurationOnSimulator({ provider: "openai", scenario: "fast-5" });
  const url = `${BASE_URL}/api/stream?configuration=${configuration.slug}&prompt=${"y".repeat(MAX_HEADER_BYTES)}`;
  const refused = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status).toBe(431);
  await refused.body?.cancel();

  await signInThroughForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto(`/playground?configuration=${encodeURIComponent(configuration.slug)}`);
  await expect(page.getByTestId("send-button")).toBeEnabled();
  // Three times the header limit (and under PROMPT_MAX_CHARS), typed into the page: the browser sends it as a JSON body.
  const prompt = "Summarise this. ".repeat(Math.floor((3 * MAX_HEADER_BYTES) / 16));
  expect(prompt.length).toBeLessThanOrEqual(PROMPT_MAX_CHARS);
  await page.getByTestId("prompt-input").fill(prompt);
  await page.getByTestId("send-button").click();
  await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "done", { timeout: 60_000 });
  await expect(page.getByTestId("run-output")).not.toBeEmpty();
});

// A stack of its own with no user: set-up is the one body read without signing in.
test.describe("set-up on an empty database", () => {
  let stack: OwnStack | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    stack = await startOwnStack({
      STACK_PORTS: String(await freePort()),
      STACK_SIMULATOR_PORT: "0",
      STACK_WITHOUT_ADMIN: "1",
    });
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  test("refuses a large set-up body while reading it, and creates no user", async () => {
    const app = stack?.apps[0] ?? "";
    const headers = { "Content-Type": "application/json", Origin: app };
    const declared = await rawPost(`${app}/api/setup`, { headers, declaredLength: 60_000_000 });
    expect(declared.status).toBe(413);
    expect(declared.sentBytes).toBeLessThan(64 * 1024);
    const chunked = await rawPost(`${app}/api/setup`, { headers, chunkedBytes: 100_000_000 });
    expect(chunked.status).toBe(413);
    expect(chunked.sentBytes).toBeLessThan(BODY_LIMITS.form + 16 * 1024 * 1024);
    const plain = await fetch(`${app}/api/setup`, {
      method: "POST",
      headers: { "Content-Type": "text/plain", Origin: app },
      body: JSON.stringify({ email: "x@example.test", password: "long-enough-password" }),
    });
    expect(plain.status).toBe(415);
    // Still open: none of these created the first admin.
    expect((await fetch(`${app}/setup`, { redirect: "manual" })).status).toBe(200);
  });
});
