import { expect, test, type APIRequestContext } from "@playwright/test";
import type { CapabilityReport } from "../lib/contracts/configurations";
import { signedInContext } from "./support/api-session";
import { E2E_ADMIN } from "./support/credentials";
import { simulatorRequests, waitForSimulator } from "./support/simulator-control";
import { PROVIDER_BASE_PATHS, simulatedConfiguration, type ProviderName } from "./support/stream-fixtures";
import { readAnswer } from "./support/api";
import {
  configurationAnswerSchema,
  connectionTestAnswerSchema,
  modelListSchema,
} from "../lib/contracts/configurations";

let admin: APIRequestContext;

test.beforeAll(async () => {
  admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
});

test.afterAll(async () => {
  await admin.dispose();
});

type Report = CapabilityReport;

async function runTest(id: number): Promise<Report> {
  const response = await admin.post(`/api/configurations/${id}/test`);
  expect(response.status()).toBe(200);
  return (await readAnswer(response, connectionTestAnswerSchema)).report;
}

test("every provider's model list is read from the provider itself", async () => {
  for (const provider of Object.keys(PROVIDER_BASE_PATHS) as ProviderName[]) {
    const configuration = await simulatedConfiguration(admin, { provider });
    const response = await admin.get(`/api/configurations/${configuration.slug}/models`);
    expect(response.status(), provider).toBe(200);
    const body = await readAnswer(response, modelListSchema);
    expect(body.error, provider).toBeNull();
    expect(body.models.length, provider).toBeGreaterThan(0);
    expect(
      (await simulatorRequests(configuration.tag)).some((request) => request.method === "GET"),
      provider,
    ).toBe(true);
  }
});

test("the connection test runs the real streaming path and reports what works", async () => {
  const healthy = await simulatedConfiguration(admin, { provider: "openai" });
  const report = await runTest(healthy.id);
  expect(report).toMatchObject({
    reachable: true,
    authOk: true,
    modelListed: true,
    streams: true,
    streamsIncrementally: true,
    usageReported: true,
    cancellationHonoured: true,
    error: null,
  });
  expect(report.firstTokenLatencyMs).toBeGreaterThan(0);
  // Two streamed probes; the second was cancelled after its first token, and the simulator saw it close.
  const requests = await waitForSimulator(
    healthy.tag,
    (seen) => seen.some((request) => request.clientDisconnected),
    2000,
  );
  expect(requests.filter((request) => request.method === "POST")).toHaveLength(2);

  const thinking = await simulatedConfiguration(admin, { provider: "openrouter" });
  expect((await runTest(thinking.id)).reasoningEmitted).toBe(true);

  // Gemini: the model list, the stream and the cancellation through @google/genai's request.
  const gemini = await simulatedConfiguration(admin, { provider: "gemini" });
  expect(await runTest(gemini.id)).toMatchObject({
    reachable: true,
    authOk: true,
    modelListed: true,
    streams: true,
    usageReported: true,
    cancellationHonoured: true,
    error: null,
  });
});

test("the connection test names what is wrong: refused key, unreachable server", async () => {
  const refused = await simulatedConfiguration(admin, { provider: "anthropic", scenario: "http-401" });
  const refusedReport = await runTest(refused.id);
  expect(refusedReport).toMatchObject({
    reachable: true,
    authOk: false,
    streams: false,
    error: { code: "auth_failed" },
  });
  expect(refusedReport.error?.message).not.toContain("sk-e2e");

  const created = await admin.post("/api/configurations", {
    data: { name: "Nowhere", provider: "local", model: "m", baseUrl: "http://127.0.0.1:9/v1" },
  });
  const nowhere = (await readAnswer(created, configurationAnswerSchema)).configuration;
  const nowhereReport = await runTest(nowhere.id);
  expect(nowhereReport).toMatchObject({ reachable: false, streams: false, error: { code: "upstream_unavailable" } });
  const models = await readAnswer(await admin.get(`/api/configurations/${nowhere.id}/models`), modelListSchema);
  expect(models).toMatchObject({ models: [], error: { code: "upstream_unavailable" } });
});
