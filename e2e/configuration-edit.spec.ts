import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminWithToken, tokenContext, unique } from "./support/api-session";
import { signedInAdminWithCleanConsole } from "./support/browser-session";
import { E2E_ADMIN } from "./support/credentials";
import { SIMULATOR_URL, waitForSimulator } from "./support/simulator-control";
import { configurationAnswerSchema, type PublicConfiguration } from "../lib/contracts/configurations";
import { readAnswer } from "./support/api";

// The edit screen saves whatever the key's state (none, stored, replaced, removed), for every
// provider (UX review defect 1), and handles header values write-only, like the key (H1).
// Every save is checked through the API.

let admin: APIRequestContext;
let token: string;
signedInAdminWithCleanConsole();

test.beforeAll(async () => {
  ({ admin, token } = await adminWithToken(E2E_ADMIN.email, E2E_ADMIN.password, unique("edit-spec")));
});

test.afterAll(async () => {
  await admin.dispose();
});

async function read(key: string | number): Promise<PublicConfiguration> {
  const response = await admin.get(`/api/configurations/${key}`);
  expect(response.status()).toBe(200);
  return (await readAnswer(response, configurationAnswerSchema)).configuration;
}

async function create(data: Record<string, unknown>): Promise<PublicConfiguration> {
  const response = await admin.post("/api/configurations", { data });
  expect(response.status(), await response.text()).toBe(201);
  return (await readAnswer(response, configurationAnswerSchema)).configuration;
}

async function openEdit(page: Page, id: number): Promise<void> {
  await page.goto(`/configurations/${id}`);
  await expect(page.getByTestId("configuration-save")).toBeEnabled();
}

async function save(page: Page, name: string): Promise<void> {
  // A save's answer, then its toast: an earlier save's toast with the same text may still show.
  const answered = page.waitForResponse(
    (response) =>
      /\/api\/configurations\/[^/]+$/.test(new URL(response.url()).pathname) && response.request().method() === "PATCH",
  );
  await page.getByTestId("configuration-save").click();
  expect((await answered).status()).toBe(200);
  await expect(
    page
      .getByTestId("toast")
      .filter({ hasText: `Saved “${name}”` })
      .last(),
  ).toBeVisible();
  await expect(page.getByTestId("configuration-form-error")).toHaveText("");
}

const DEMOS = [
  "demo-openai",
  "demo-anthropic",
  "demo-openrouter",
  "demo-gemini",
  "demo-ollama",
  "demo-local",
  "demo-custom",
];

test("every demo configuration is edited and saved, keeping its key and headers", async ({ page }) => {
  test.setTimeout(120_000);
  for (const slug of DEMOS) {
    const before = await read(slug);
    await openEdit(page, before.id);
    if (before.hasApiKey) {
      await expect(page.getByTestId("api-key-stored")).toHaveText(`•••• ${before.apiKeyLastFour ?? ""}`);
    } else if (before.provider === "ollama") {
      await expect(page.getByText("Ollama needs no API key.")).toBeVisible();
    } else {
      await expect(page.locator("#configuration-api-key-hint")).toHaveText(/^No key is saved/);
    }
    await expect(page.locator("form")).not.toContainText("keep the current one");
    const timeout = before.firstTokenTimeoutMs - 1000;
    await page.getByTestId("configuration-first-token-timeout").fill(String(timeout));
    await save(page, before.name);
    const after = await read(slug);
    expect(after, slug).toMatchObject({
      firstTokenTimeoutMs: timeout,
      hasApiKey: before.hasApiKey,
      apiKeyLastFour: before.apiKeyLastFour,
      extraHeaders: before.extraHeaders,
    });
    // Put it back for the other specs.
    expect(
      (
        await admin.patch(`/api/configurations/${before.id}`, {
          data: { firstTokenTimeoutMs: before.firstTokenTimeoutMs },
        })
      ).status(),
    ).toBe(200);
  }
});

const KEYLESS: Array<{ provider: string; baseUrl: string }> = [
  { provider: "openai", baseUrl: `${SIMULATOR_URL}/openai/v1` },
  { provider: "anthropic", baseUrl: `${SIMULATOR_URL}/anthropic` },
  { provider: "openrouter", baseUrl: `${SIMULATOR_URL}/openrouter/api/v1` },
  { provider: "gemini", baseUrl: `${SIMULATOR_URL}/gemini` },
  { provider: "ollama", baseUrl: `${SIMULATOR_URL}/ollama` },
  { provider: "local", baseUrl: `${SIMULATOR_URL}/local/v1` },
  { provider: "custom", baseUrl: `${SIMULATOR_URL}/custom/v1` },
];

test("a keyless configuration of each provider saves; a key is added, kept, then removed", async ({ page }) => {
  test.setTimeout(120_000);
  for (const { provider, baseUrl } of KEYLESS) {
    const created = await create({
      name: `Keyless ${provider} ${unique("k")}`,
      provider,
      model: "some-model",
      baseUrl,
    });
    await openEdit(page, created.id);
    const renamed = `${created.name} renamed`;
    await page.getByTestId("configuration-name").fill(renamed);
    await save(page, renamed);
    expect(await read(created.id), provider).toMatchObject({ name: renamed, hasApiKey: false, apiKeyLastFour: null });
  }

  // Local: add a key, save again with it kept, then remove it.
  const local = await create({
    name: `Keyed later ${unique("k")}`,
    provider: "local",
    model: "m",
    baseUrl: `${SIMULATOR_URL}/local/v1`,
  });
  await openEdit(page, local.id);
  await page.getByTestId("api-key-input").fill("sk-added-later-ABCD");
  await save(page, local.name);
  expect(await read(local.id)).toMatchObject({ hasApiKey: true, apiKeyLastFour: "ABCD" });
  await expect(page.getByTestId("api-key-stored")).toHaveText("•••• ABCD");
  await page.getByTestId("configuration-temperature").fill("0.4");
  await save(page, local.name);
  expect(await read(local.id)).toMatchObject({ hasApiKey: true, apiKeyLastFour: "ABCD" });
  await page.getByTestId("api-key-remove").click();
  await save(page, local.name);
  expect(await read(local.id)).toMatchObject({ hasApiKey: false, apiKeyLastFour: null });
  expect(await page.content()).not.toContain("sk-added-later");
});

test("errors mark a visible field and take the focus there, whatever the key's state", async ({ page }) => {
  const ollama = await create({
    name: `Ollama errors ${unique("e")}`,
    provider: "ollama",
    model: "qwen3",
    baseUrl: `${SIMULATOR_URL}/ollama`,
  });
  await openEdit(page, ollama.id);
  await page.getByTestId("configuration-model").fill("");
  await page.getByTestId("configuration-save").click();
  await expect(page.getByTestId("configuration-form-error")).toContainText("Some fields need fixing");
  await expect(page.locator("#configuration-model")).toBeFocused();
  await expect(page.getByTestId("configuration-model-error")).toBeVisible();

  const keyed = await create({
    name: `Keyed errors ${unique("e")}`,
    provider: "openai",
    model: "m",
    baseUrl: `${SIMULATOR_URL}/openai/v1`,
    apiKey: "sk-keyed-errors-WXYZ",
  });
  await openEdit(page, keyed.id);
  await page.getByTestId("api-key-replace").click();
  await page.getByTestId("configuration-save").click();
  await expect(page.locator("#configuration-api-key")).toBeFocused();
  await expect(page.getByTestId("configuration-api-key-error")).toHaveText(
    "Enter the new API key, or choose Cancel to keep the saved one.",
  );
  await page.getByTestId("api-key-keep").click();
  await save(page, keyed.name);
  expect(await read(keyed.id)).toMatchObject({ hasApiKey: true, apiKeyLastFour: "WXYZ" });
});

test("header values are kept, replaced and removed without ever reaching the page", async ({ page }) => {
  const tag = unique("edit-headers");
  const newTag = unique("edit-headers-new");
  const created = await create({
    name: `Headers ${unique("h")}`,
    provider: "custom",
    model: "gateway-default",
    baseUrl: `${SIMULATOR_URL}/custom/v1`,
    extraHeaders: { "X-Simulator-Tag": tag, "X-Auth": "xauth-SECRET-9999", "X-Gone": "gone-SECRET-1234" },
  });
  expect(created.extraHeaders).toEqual([
    { name: "X-Simulator-Tag", hasValue: true, lastFour: tag.slice(-4) },
    { name: "X-Auth", hasValue: true, lastFour: "9999" },
    { name: "X-Gone", hasValue: true, lastFour: "1234" },
  ]);
  await openEdit(page, created.id);
  const html = await page.content();
  for (const secret of [tag, "xauth-SECRET", "gone-SECRET"]) expect(html).not.toContain(secret);
  const rowOf = (name: string) => page.locator(`[data-testid="header-row"][data-header-name="${name}"]`);
  await expect(rowOf("X-Auth").getByTestId("header-saved-value")).toHaveText("•••• 9999");

  // Replacing with nothing is refused at the row, which gets the focus.
  await rowOf("X-Simulator-Tag").getByTestId("header-replace").click();
  await page.getByTestId("configuration-save").click();
  await expect(rowOf("X-Simulator-Tag").getByTestId("header-row-error")).toHaveText(
    "Enter the new value, or choose Keep to leave the saved one.",
  );
  await expect(rowOf("X-Simulator-Tag").getByTestId("header-value")).toBeFocused();
  await rowOf("X-Simulator-Tag").getByTestId("header-value").fill(newTag);
  await rowOf("X-Gone").getByTestId("header-remove").click();
  await save(page, created.name);
  expect((await read(created.id)).extraHeaders).toEqual([
    { name: "X-Simulator-Tag", hasValue: true, lastFour: newTag.slice(-4) },
    { name: "X-Auth", hasValue: true, lastFour: "9999" },
  ]);

  // The provider gets the new value and the kept one.
  const api = await tokenContext(token);
  const stream = await api.post("/api/stream", { data: { configuration: created.slug, prompt: "Headers?" } });
  expect(await stream.text()).toContain('"type":"done"');
  const [request] = await waitForSimulator(newTag, (requests) => requests.length > 0);
  expect(request?.headers["x-auth"]).toBe("xauth-SECRET-9999");
  expect(request?.headers["x-gone"]).toBeUndefined();
  await api.dispose();
});
