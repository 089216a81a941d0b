// The outbound rules through the production app (M4, M5, M6 of the security review): redirects
// are never followed, a stored key goes only to its own server and its uses are audited, base
// URLs that point at metadata or carry ?/# are refused, and PROVIDER_HOSTS_ALLOW holds in the
// built server (Next's fetch really uses the guarded dispatcher). Loopback servers only.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startRecorder, startRedirector, type LoopbackServer } from "../lib/llm/testing/recording-servers";
import { freePort } from "../lib/testing/free-port";
import { signedInContext, unique } from "./support/api-session";
import { E2E_ADMIN } from "./support/credentials";
import { startOwnStack, type OwnStack } from "./support/own-stack";
import { SIMULATOR_URL } from "./support/simulator-control";
import { readAnswer, readError } from "./support/api";
import {
  configurationAnswerSchema,
  connectionTestAnswerSchema,
  modelListSchema,
} from "../lib/contracts/configurations";
import { auditPageSchema, type AuditEntry } from "../lib/contracts/audit";

const servers: LoopbackServer[] = [];

test.afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function recorder(): Promise<LoopbackServer> {
  const server = await startRecorder();
  servers.push(server);
  return server;
}

async function saveConfiguration(
  admin: APIRequestContext,
  data: Record<string, unknown>,
): Promise<{ id: number; slug: string }> {
  const response = await admin.post("/api/configurations", {
    data: { name: unique("Outbound"), slug: unique("outbound"), model: "gpt-4o-mini", ...data },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await readAnswer(response, configurationAnswerSchema)).configuration;
}

async function keyUses(admin: APIRequestContext, id: number): Promise<AuditEntry[]> {
  const response = await admin.get(`/api/audit?entityType=configuration&entityId=${id}&action=configuration.key_used`);
  expect(response.status()).toBe(200);
  return (await readAnswer(response, auditPageSchema)).entries;
}

test.describe("on the suite's server", () => {
  let admin: APIRequestContext;

  test.beforeAll(async () => {
    admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
  });

  test.afterAll(async () => {
    await admin.dispose();
  });

  test("a provider answering 302/307 gets no redirect followed: the target receives nothing and the API names it", async () => {
    const target = await recorder();
    const redirect302 = await startRedirector(target.origin, 302);
    const redirect307 = await startRedirector(target.origin, 307);
    servers.push(redirect302, redirect307);
    for (const [body, redirector] of [
      [
        {
          provider: "openai",
          baseUrl: `${redirect302.origin}/v1`,
          apiKey: "sk-redirect-test-OPENAI",
          extraHeaders: { "Ocp-Apim-Subscription-Key": "apim-FOLLOWS-REDIRECT" },
        },
        redirect302,
      ],
      [{ provider: "anthropic", baseUrl: redirect307.origin, apiKey: "sk-ant-redirect-test-XAPIKEY" }, redirect307],
      [
        {
          provider: "ollama",
          baseUrl: redirect302.origin,
          extraHeaders: { Authorization: "Bearer ollama-proxy-SECRET" },
        },
        redirect302,
      ],
    ] as const) {
      const response = await admin.post("/api/provider-models", { data: body });
      expect(response.status()).toBe(200);
      const listed = await readAnswer(response, modelListSchema);
      expect(listed.models).toEqual([]);
      expect(listed.error?.code, body.provider).toBe("invalid_request");
      expect(listed.error?.message).toBe(
        `The server at ${new URL(redirector.origin).host} redirected to ${target.origin} (${redirector === redirect307 ? 307 : 302}) — update the base URL. Redirects are not followed, so nothing was sent there.`,
      );
    }
    expect(redirect302.requests.length + redirect307.requests.length).toBe(3);
    expect(target.connections()).toBe(0);
  });

  test("keyFrom with another server's base URL is refused with 400, and that server sees nothing", async () => {
    const foreign = await recorder();
    const saved = await saveConfiguration(admin, {
      provider: "openai",
      baseUrl: `${SIMULATOR_URL}/openai/v1`,
      apiKey: "sk-live-SECRETKEY-openai-1234",
    });
    for (const body of [
      { provider: "openai", baseUrl: `${foreign.origin}/v1`, keyFrom: saved.slug },
      { provider: "anthropic", baseUrl: foreign.origin, keyFrom: saved.id },
    ]) {
      const response = await admin.post("/api/provider-models", { data: body });
      expect(response.status()).toBe(400);
      const { error } = await readError(response);
      expect(error.code).toBe("invalid_params");
      expect(error.message).toContain(`only sent to its own server (${SIMULATOR_URL})`);
      expect(error.message).toContain("type the key again to use another server");
    }
    expect(foreign.connections()).toBe(0);
    expect(await keyUses(admin, saved.id)).toEqual([]);
  });

  test("a keyFrom model list of the configuration's own server, its saved model list and its connection test are audited", async () => {
    const saved = await saveConfiguration(admin, {
      provider: "openai",
      baseUrl: `${SIMULATOR_URL}/openai/v1`,
      apiKey: "sk-e2e-audited-key-2468",
    });
    const listed = await admin.post("/api/provider-models", {
      data: { provider: "openai", baseUrl: `${SIMULATOR_URL}/openai/v1`, keyFrom: saved.id },
    });
    expect(listed.status()).toBe(200);
    expect((await readAnswer(listed, modelListSchema)).error).toBeNull();
    expect((await admin.get(`/api/configurations/${saved.id}/models`)).status()).toBe(200);
    expect((await admin.post(`/api/configurations/${saved.id}/test`)).status()).toBe(200);

    const uses = await keyUses(admin, saved.id);
    const host = new URL(SIMULATOR_URL).host;
    expect(uses.map((entry) => [entry.actorLabel, entry.changes])).toEqual(
      ["connection test", "model list", "model list (keyFrom)"].map((purpose) => [
        E2E_ADMIN.email,
        { target: { from: null, to: host }, purpose: { from: null, to: purpose } },
      ]),
    );
    expect(JSON.stringify(uses)).not.toContain("2468");
  });

  test("base URLs pointing at metadata, or with credentials, a query or a fragment, are refused when saved", async () => {
    for (const [baseUrl, words] of [
      ["http://169.254.169.254/latest/meta-data", "169.254.169.254, a link-local or cloud-metadata address"],
      ["http://2852039166/", "169.254.169.254, a link-local or cloud-metadata address"],
      ["http://[fd00:ec2::254]/latest", "a cloud-metadata address"],
      ["http://127.0.0.1:4913/latest/meta-data/iam/security-credentials/role#", "cannot contain a fragment"],
      ["http://127.0.0.1:4913/computeMetadata/v1/instance/service-accounts/default/token?x=", "cannot contain a query"],
      ["http://admin:pw@127.0.0.1:4913/v1", "user name or password"],
    ] as const) {
      const response = await admin.post("/api/configurations", {
        data: { name: "Refused", provider: "custom", model: "m", baseUrl },
      });
      expect(response.status(), baseUrl).toBe(400);
      expect(JSON.stringify(await response.json()), baseUrl).toContain(words);
    }
    const unsaved = await admin.post("/api/provider-models", {
      data: { provider: "openai", baseUrl: "http://0xa9fea9fe/latest", apiKey: "x" },
    });
    expect(unsaved.status()).toBe(400);
  });

  test("a failure to connect reads the same whatever is (not) listening", async () => {
    const closedPort = await freePort();
    const response = await admin.post("/api/provider-models", {
      data: { provider: "openai", baseUrl: `http://127.0.0.1:${closedPort}/v1`, apiKey: "x" },
    });
    expect((await readAnswer(response, modelListSchema)).error).toEqual({
      code: "upstream_unavailable",
      message: `Could not reach the server at 127.0.0.1:${closedPort}. Check the base URL and that the server is running.`,
    });
  });
});

test.describe("with PROVIDER_HOSTS_ALLOW set", () => {
  test.describe.configure({ mode: "serial" });
  let stack: OwnStack | undefined;
  let admin: APIRequestContext;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    stack = await startOwnStack({
      STACK_PORTS: String(await freePort()),
      PROVIDER_HOSTS_ALLOW: "api.example.test, 10.0.0.0/8",
    });
    admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password, stack.apps[0]);
  });

  test.afterAll(async () => {
    await admin?.dispose();
    await stack?.stop();
  });

  test("an unlisted host is refused before any connection, by name (after DNS) and as an IP literal", async () => {
    const server = await recorder();
    for (const [baseUrl, hostname] of [
      [`http://localhost:${server.port}/v1`, "localhost"],
      [`${server.origin}/v1`, "127.0.0.1"],
    ] as const) {
      const response = await admin.post("/api/provider-models", {
        data: { provider: "openai", baseUrl, apiKey: "sk-allow-list-test" },
      });
      expect(response.status()).toBe(200);
      const { error } = await readAnswer(response, modelListSchema);
      expect(error?.code, baseUrl).toBe("invalid_request");
      expect(error?.message).toContain(`${hostname} is not in PROVIDER_HOSTS_ALLOW`);
    }
    const saved = await saveConfiguration(admin, {
      provider: "anthropic",
      baseUrl: `http://localhost:${server.port}`,
      apiKey: "sk-ant-allow-list",
    });
    const report = await readAnswer(
      await admin.post(`/api/configurations/${saved.id}/test`),
      connectionTestAnswerSchema,
    );
    expect(report.report.streams).toBe(false);
    expect(report.report.error?.message).toContain("localhost is not in PROVIDER_HOSTS_ALLOW");
    expect(server.connections()).toBe(0);
  });
});
