import { configurationAnswerSchema, configurationListAnswerSchema } from "../lib/contracts/configurations";
import { apiErrorBodySchema } from "../lib/contracts/errors";
import { createdTokenAnswerSchema } from "../lib/contracts/tokens";
import { readAnswer } from "./support/api";
import { tokenContext, unique } from "./support/api-session";
import { expect, test } from "./support/fixtures";

test("an admin creates, reads by id and by slug, updates and deletes a configuration; the key never comes back", async ({
  admin,
}) => {
  const slug = unique("crud");
  const secret = `sk-e2e-${unique("secret")}-WXYZ`;
  const created = await admin.post("/api/configurations", {
    data: {
      name: "E2E OpenAI",
      slug,
      provider: "openai",
      model: "gpt-4o-mini",
      apiKey: secret,
      defaultParams: { temperature: 0.2, maxTokens: 256 },
      extraHeaders: { "X-Team": "qa" },
    },
  });
  expect(created.status()).toBe(201);
  const createdText = await created.text();
  expect(createdText).not.toContain(secret);
  const { configuration } = configurationAnswerSchema.parse(JSON.parse(createdText));
  expect(configuration).toMatchObject({
    slug,
    hasApiKey: true,
    apiKeyLastFour: "WXYZ",
    provider: "openai",
    active: true,
  });

  for (const key of [String(configuration.id), slug]) {
    const fetched = await admin.get(`/api/configurations/${key}`);
    expect(fetched.status()).toBe(200);
    expect((await readAnswer(fetched, configurationAnswerSchema)).configuration.id).toBe(configuration.id);
  }

  const patched = await admin.patch(`/api/configurations/${slug}`, {
    data: { model: "gpt-4.1", defaultParams: { temperature: 1.5 } },
  });
  expect(patched.status()).toBe(200);
  expect((await readAnswer(patched, configurationAnswerSchema)).configuration).toMatchObject({
    model: "gpt-4.1",
    hasApiKey: true,
    defaultParams: { temperature: 1.5 },
  });

  const keyRemoved = await admin.patch(`/api/configurations/${configuration.id}`, { data: { apiKey: null } });
  expect((await readAnswer(keyRemoved, configurationAnswerSchema)).configuration).toMatchObject({
    hasApiKey: false,
    apiKeyLastFour: null,
  });

  const listed = await admin.get("/api/configurations?all=1");
  expect(await listed.text()).not.toContain(secret);

  expect((await admin.delete(`/api/configurations/${slug}`)).status()).toBe(200);
  expect((await admin.get(`/api/configurations/${slug}`)).status()).toBe(404);

  const audit = await admin.get(`/api/audit?entityType=configuration&entityId=${configuration.id}`);
  const auditText = await audit.text();
  expect(auditText).toContain("configuration.delete");
  expect(auditText).not.toContain(secret);
});

test("inactive configurations are listed only with ?all=1", async ({ admin }) => {
  const slug = unique("inactive");
  await admin.post("/api/configurations", {
    data: { name: "Sleeper", slug, provider: "ollama", model: "llama3", active: false },
  });
  const active = await readAnswer(await admin.get("/api/configurations"), configurationListAnswerSchema);
  const all = await readAnswer(await admin.get("/api/configurations?all=1"), configurationListAnswerSchema);
  expect(active.configurations.map((row) => row.slug)).not.toContain(slug);
  expect(all.configurations.map((row) => row.slug)).toContain(slug);
  const badFlag = await admin.get("/api/configurations?all=maybe");
  expect(badFlag.status()).toBe(400);
});

test("invalid input gets 400 with field-level messages and nothing is saved", async ({ admin }) => {
  const slug = unique("taken");
  await admin.post("/api/configurations", {
    data: { name: "Taken", slug, provider: "anthropic", model: "claude-sonnet-4-5" },
  });
  // Named after this test alone: "nothing is saved" is checked by that name, not by counting a
  // list that specs running at the same time (workers > 1) add to.
  const name = unique("refused");
  const cases: Array<{ data: unknown; path: string }> = [
    { data: { name, provider: "mistral", model: "m" }, path: "provider" },
    { data: { name, provider: "openai", model: "m", firstTokenTimeoutMs: -1 }, path: "firstTokenTimeoutMs" },
    { data: { name, provider: "openai", model: "m", baseUrl: "localhost:1234" }, path: "baseUrl" },
    { data: { name, provider: "openai", model: "m", slug }, path: "slug" },
    {
      data: { name, provider: "openai", model: "m", defaultParams: { temperature: 3 } },
      path: "defaultParams.temperature",
    },
    { data: { name, provider: "custom", model: "m" }, path: "baseUrl" },
  ];
  for (const { data, path } of cases) {
    const response = await admin.post("/api/configurations", { data });
    expect(response.status(), JSON.stringify(data)).toBe(400);
    const body = await readAnswer(response, apiErrorBodySchema);
    expect(body.error.code).toBe("invalid_params");
    expect(
      body.error.issues?.map((issue) => issue.path),
      JSON.stringify(body),
    ).toContain(path);
  }
  const malformed = await admin.post("/api/configurations", {
    data: Buffer.from("{not json"),
    headers: { "Content-Type": "application/json" },
  });
  expect(malformed.status()).toBe(400);
  expect((await readAnswer(malformed, apiErrorBodySchema)).error.message).toMatch(/not valid JSON/);
  const listed = (await readAnswer(await admin.get("/api/configurations?all=1"), configurationListAnswerSchema))
    .configurations;
  expect(listed.filter((configuration) => configuration.name === name)).toEqual([]);
  expect(listed.filter((configuration) => configuration.slug === slug)).toHaveLength(1);
  expect((await admin.patch("/api/configurations/does-not-exist", { data: { model: "m" } })).status()).toBe(404);
});

test("viewers read configurations but cannot change them, nor see any part of a key or credential-like header value", async ({
  admin,
  viewer,
}) => {
  expect((await viewer.get("/api/configurations")).status()).toBe(200);
  const slug = unique("viewer-target");
  // Last fours in upper case: digits or lower case could turn up in the body's id, timestamps or
  // base36 slug by chance; these cannot.
  await admin.post("/api/configurations", {
    data: {
      name: "Target",
      slug,
      provider: "openai",
      model: "m",
      apiKey: "sk-viewer-target-K5XQ",
      extraHeaders: { Authorization: "Bearer proxy-credential-W4RJ" },
    },
  });
  const seenByViewer = await viewer.get(`/api/configurations/${slug}`);
  expect(await seenByViewer.text()).not.toMatch(/proxy-credential|W4RJ|K5XQ/);
  const viewed = (await readAnswer(seenByViewer, configurationAnswerSchema)).configuration;
  expect(viewed.extraHeaders).toEqual([{ name: "Authorization" }]);
  expect(viewed).toMatchObject({ hasApiKey: true, apiKeyLastFour: null });
  // Header values are write-only for admins too: whether one is set and its last four, never the value.
  const seenByAdmin = await admin.get(`/api/configurations/${slug}`);
  expect(await seenByAdmin.text()).not.toContain("proxy-credential");
  expect((await readAnswer(seenByAdmin, configurationAnswerSchema)).configuration.extraHeaders).toEqual([
    { name: "Authorization", hasValue: true, lastFour: "W4RJ" },
  ]);
  for (const response of [
    await viewer.post("/api/configurations", { data: { name: "Nope", provider: "openai", model: "m" } }),
    await viewer.patch(`/api/configurations/${slug}`, { data: { model: "changed" } }),
    await viewer.delete(`/api/configurations/${slug}`),
    await viewer.get("/api/tokens"),
    await viewer.get("/api/audit"),
  ]) {
    expect(response.status()).toBe(403);
    expect((await readAnswer(response, apiErrorBodySchema)).error.code).toBe("forbidden");
  }
  expect(
    (await readAnswer(await admin.get(`/api/configurations/${slug}`), configurationAnswerSchema)).configuration.model,
  ).toBe("m");
});

test("cross-site changes riding on the session cookie are refused; bearer tokens are not affected", async ({
  admin,
}) => {
  const evil = { Origin: "https://evil.example" };
  const refused = await admin.post("/api/configurations", {
    data: { name: "CSRF", provider: "openai", model: "m" },
    headers: evil,
  });
  expect(refused.status()).toBe(403);
  expect((await readAnswer(refused, apiErrorBodySchema)).error.message).toMatch(/comes from a page outside this app/);
  const fetchSite = await admin.delete("/api/configurations/demo-openai", {
    headers: { "Sec-Fetch-Site": "cross-site" },
  });
  expect(fetchSite.status()).toBe(403);

  const created = await readAnswer(
    await admin.post("/api/tokens", { data: { name: unique("bearer") } }),
    createdTokenAnswerSchema,
  );
  const bearer = await tokenContext(created.token);
  const allowed = await bearer.post("/api/configurations", {
    data: { name: "Via token", slug: unique("via-token"), provider: "openai", model: "m" },
    headers: evil,
  });
  expect(allowed.status()).toBe(201);
  await bearer.dispose();
});
