// The fault matrix (e2e/support/fault-matrix.ts) through the real server: for every provider
// format and every fault, the client's event stream ends with the specific error event (or a
// complete reply where the stream was valid), and the saved message agrees with what it saw.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { freePort } from "../lib/testing/free-port";
import { replyText } from "../lib/simulator/reply";
import { adminWithToken, unique } from "./support/api-session";
import { E2E_ADMIN } from "./support/credentials";
import {
  FAULT_CASES,
  FAULT_PROVIDERS,
  expectedFullText,
  faultConfiguration,
  faultPrompt,
  type FaultCase,
  type FaultProvider,
} from "./support/fault-matrix";
import { SIMULATOR_URL, simulatorRequests } from "./support/simulator-control";
import { openStream, readEvents, textOf } from "./support/sse-client";
import { readAnswer } from "./support/api";
import { conversationAnswerSchema } from "../lib/contracts/conversations";
import { configurationAnswerSchema } from "../lib/contracts/configurations";

let admin: APIRequestContext;
let token: string;
let closedPort: number;

test.beforeAll(async () => {
  ({ admin, token } = await adminWithToken(E2E_ADMIN.email, E2E_ADMIN.password, "fault matrix"));
  closedPort = await freePort();
});

test.afterAll(async () => {
  await admin.dispose();
});

async function configurationFor(fault: FaultCase, provider: FaultProvider): Promise<{ slug: string; tag: string }> {
  const tag = unique(`fault-${provider}`);
  const response = await admin.post("/api/configurations", {
    data: {
      name: `Fault ${fault.name} ${provider}`,
      slug: tag.toLowerCase().replace(/[^a-z0-9-]/g, "-"),
      ...faultConfiguration(fault, provider, {
        simulatorUrl: SIMULATOR_URL,
        closedPort,
        tag,
        apiKey: "sk-e2e-fault-matrix-0042",
      }),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { configuration } = await readAnswer(response, configurationAnswerSchema);
  return { slug: configuration.slug, tag };
}

for (const provider of FAULT_PROVIDERS) {
  test(`${provider}: every fault reaches the client as its own event and is saved as seen`, async () => {
    test.setTimeout(90_000);
    for (const fault of FAULT_CASES.filter((row) => !row.skipFor?.includes(provider))) {
      const label = `${provider} / ${fault.name}`;
      const { slug, tag } = await configurationFor(fault, provider);
      const prompt = faultPrompt(fault, provider);
      const response = await openStream(
        `/api/stream?configuration=${encodeURIComponent(slug)}&prompt=${encodeURIComponent(prompt)}`,
        { token },
      );
      expect(response.status, label).toBe(200);
      const events = await readEvents(response);
      const last = events[events.length - 1]?.data;
      expect(last?.type, `${label}: ${JSON.stringify(last)}`).toBe(fault.expect.final);
      if (fault.expect.code) expect(last?.code, label).toBe(fault.expect.code);
      if (fault.expect.status) expect(last?.status, label).toBe(fault.expect.status);
      if (fault.expect.retryAfterSeconds) expect(last?.retryAfterSeconds, label).toBe(fault.expect.retryAfterSeconds);
      if (fault.expect.message) expect(String(last?.message), label).toMatch(fault.expect.message);
      // Plain words for a person: no stack trace, no key.
      expect(JSON.stringify(last), label).not.toMatch(/\bat \w+ \(|node_modules|sk-e2e-fault/);

      const streamed = textOf(events);
      if (fault.expect.text === "none") expect(streamed, label).toBe("");
      if (fault.expect.text === "partial")
        expect(streamed.length > 0 && replyText(prompt).startsWith(streamed), label).toBe(true);
      if (fault.expect.text === "full") expect(streamed === expectedFullText(fault, prompt), label).toBe(true);

      const conversationId = events[0]?.data.conversationId;
      const conversation = await readAnswer(
        await admin.get(`/api/conversations/${String(conversationId)}`),
        conversationAnswerSchema,
      );
      const assistant = conversation.conversation.messages.find((message) => message.role === "assistant");
      expect(assistant?.status, label).toBe(fault.expect.saved);
      expect(assistant?.content === streamed, `${label}: saved text equals the streamed text`).toBe(true);
      if (fault.target === "simulator") expect((await simulatorRequests(tag)).length, `${label}: no retry`).toBe(1);
    }
  });
}
