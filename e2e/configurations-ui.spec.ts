import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { signedInContext, unique } from "./support/api-session";
import { signInThroughForm } from "./support/browser-session";
import { expectCleanConsole, SCREENSHOTS } from "./support/console-errors";
import { E2E_ADMIN } from "./support/credentials";
import { SIMULATOR_URL } from "./support/simulator-control";
import { readAnswer } from "./support/api";
import {
  configurationAnswerSchema,
  configurationListAnswerSchema,
  connectionTestAnswerSchema,
  type PublicConfiguration,
} from "../lib/contracts/configurations";

// The dashboard and the configuration screens in a real Chromium, against the app, PostgreSQL and
// the provider simulator. Every change is checked through the API too; no console errors allowed.

const LATENCY = /^\d+ ms$|^\d+\.\d\d s$/;

let admin: APIRequestContext;
const consoleErrors = expectCleanConsole();

test.beforeAll(async () => {
  admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
});

test.afterAll(async () => {
  await admin.dispose();
});

async function createThroughApi(data: Record<string, unknown>): Promise<PublicConfiguration> {
  const response = await admin.post("/api/configurations", { data });
  expect(response.status(), await response.text()).toBe(201);
  return (await readAnswer(response, configurationAnswerSchema)).configuration;
}

async function readThroughApi(key: string | number): Promise<PublicConfiguration | null> {
  const response = await admin.get(`/api/configurations/${key}`);
  if (response.status() === 404) return null;
  return (await readAnswer(response, configurationAnswerSchema)).configuration;
}

function row(page: Page, slug: string): Locator {
  return page.locator(`[data-testid="configuration-row"][data-slug="${slug}"]`);
}

function card(page: Page, slug: string): Locator {
  return page.locator(`[data-testid="configuration-card"][data-slug="${slug}"]`);
}

async function openForm(page: Page, path: string): Promise<void> {
  await page.goto(path);
  // Save is enabled once the form is hydrated; typing earlier could be lost.
  await expect(page.getByTestId("configuration-save")).toBeEnabled();
}

async function playgroundOptions(page: Page): Promise<string[]> {
  await page.goto("/playground");
  return page.getByTestId("configuration-select").locator("option").allTextContents();
}

test("create → dashboard → edit → test connection → deactivate → activate", async ({ page }) => {
  // A whole journey of a dozen page loads and a real connection test, on a shared machine.
  test.setTimeout(120_000);
  await signInThroughForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const name = `UI ${unique("create")}`;
  const tag = unique("ui-create");

  await page.goto("/configurations");
  await page.getByTestId("new-configuration").click();
  await expect(page).toHaveURL(/\/configurations\/new$/);
  await expect(page.getByTestId("configuration-save")).toBeEnabled();
  await page.getByTestId("configuration-name").fill(name);
  // Each provider's examples come from its catalog entry.
  await page.getByTestId("configuration-provider").selectOption("gemini");
  await expect(page.getByTestId("configuration-model")).toHaveAttribute("placeholder", "gemini-2.5-flash");
  await expect(page.getByTestId("api-key-input")).toHaveAttribute("placeholder", "AIza…");
  await page.getByTestId("configuration-provider").selectOption("openai");
  await expect(page.getByTestId("configuration-base-url")).toHaveAttribute("placeholder", "https://api.openai.com/v1");
  await expect(page.getByTestId("configuration-model")).toHaveAttribute("placeholder", "gpt-4o-mini");
  await page.getByTestId("configuration-base-url").fill(`${SIMULATOR_URL}/openai/v1`);
  await page.getByTestId("api-key-input").fill("sk-e2e-ui-create-5678");
  await page.getByTestId("header-add").click();
  await page.getByTestId("header-name").fill("X-Simulator-Tag");
  await page.getByTestId("header-value").fill(tag);
  // The model list comes from the provider before the first save.
  await page.getByTestId("load-models").click();
  await expect(page.getByTestId("model-list").locator("option", { hasText: "gpt-4o-mini" })).toHaveCount(1);
  await page.getByTestId("model-list").selectOption("gpt-4o-mini");
  await expect(page.getByTestId("configuration-model")).toHaveValue("gpt-4o-mini");
  await page.screenshot({ path: `${SCREENSHOTS}/configuration-new.png`, fullPage: true });
  await page.getByTestId("configuration-save").click();

  await expect(page).toHaveURL(/\/configurations\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByTestId("toast")).toContainText(`Created “${name}”`);
  await expect(page.getByTestId("api-key-stored")).toHaveText("•••• 5678");
  expect(await page.content()).not.toContain("sk-e2e-ui-create");
  const created = await readThroughApi(id);
  expect(created).toMatchObject({ name, model: "gpt-4o-mini", hasApiKey: true, apiKeyLastFour: "5678", active: true });

  // On the dashboard, not tested yet, no runs today.
  await page.goto("/");
  const dashboardCard = card(page, created?.slug ?? "");
  await expect(dashboardCard).toBeVisible();
  await expect(dashboardCard.getByTestId("card-last-test")).toHaveAttribute("data-ok", "none");
  await expect(dashboardCard.getByTestId("card-runs-today")).toHaveText("0");

  // Edit: a default temperature.
  await openForm(page, `/configurations/${id}`);
  await page.getByTestId("configuration-temperature").fill("0.3");
  await expect(page.getByTestId("test-connection")).toBeDisabled();
  await page.getByTestId("configuration-save").click();
  await expect(page.getByTestId("toast").filter({ hasText: `Saved “${name}”` })).toBeVisible();
  await expect.poll(async () => (await readThroughApi(id))?.defaultParams).toEqual({ temperature: 0.3 });

  // Test connection: the capability report, then the dashboard card shows the stored result.
  await expect(page.getByTestId("test-connection")).toBeEnabled();
  await page.getByTestId("test-connection").click();
  const report = page.getByTestId("capability-report");
  await expect(report).toHaveAttribute("data-ok", "true", { timeout: 30_000 });
  for (const capability of ["reachable", "auth", "model", "streams", "usage", "cancellation", "latency"]) {
    await expect(report.getByTestId(`capability-${capability}`), capability).toHaveAttribute("data-value", "yes");
  }
  await expect(report.getByTestId("capability-latency-value")).toHaveText(LATENCY);
  await page.screenshot({ path: `${SCREENSHOTS}/configuration-edit-tested.png`, fullPage: true });

  await page.goto("/");
  await expect(dashboardCard.getByTestId("card-last-test")).toHaveAttribute("data-ok", "true");
  await expect(dashboardCard.getByTestId("card-test-result")).toHaveText("Passed");
  await expect(dashboardCard.getByTestId("card-test-latency")).toHaveText(LATENCY);
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard.png`, fullPage: true });

  // Deactivate: gone from the dashboard and the playground picker; activate brings it back.
  await page.goto(`/configurations/${id}`);
  await page.getByTestId("deactivate-configuration").click();
  await expect(page.getByTestId("activate-configuration")).toBeVisible();
  expect((await readThroughApi(id))?.active).toBe(false);
  expect(await playgroundOptions(page)).not.toContain(expect.stringContaining(name));
  await page.goto("/");
  await expect(dashboardCard).toHaveCount(0);

  await page.goto(`/configurations/${id}`);
  await page.getByTestId("activate-configuration").click();
  await expect(page.getByTestId("deactivate-configuration")).toBeVisible();
  expect(await playgroundOptions(page)).toContainEqual(expect.stringContaining(name));
});

test("the Test button on a dashboard card runs the test and shows the new result", async ({ page }) => {
  const refused = await createThroughApi({
    name: `UI ${unique("refused")}`,
    provider: "anthropic",
    model: "claude-sonnet-5~http-401",
    baseUrl: `${SIMULATOR_URL}/anthropic`,
    apiKey: "sk-ant-e2e-0001",
  });
  await signInThroughForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const refusedCard = card(page, refused.slug);
  await expect(refusedCard.getByTestId("card-last-test")).toHaveAttribute("data-ok", "none");
  await refusedCard.getByTestId("card-test-button").click();
  await expect(refusedCard.getByTestId("card-last-test")).toHaveAttribute("data-ok", "false", { timeout: 30_000 });
  await expect(refusedCard.getByTestId("card-test-result")).toHaveText("Failed");
  await expect(page.getByTestId("toast").filter({ hasText: "failed its test" })).toBeVisible();
  // Stored: a reload still shows it.
  await page.reload();
  await expect(refusedCard.getByTestId("card-test-result")).toHaveText("Failed");
});

test("invalid input shows field errors as you type and on submit, and nothing is saved", async ({ page }) => {
  await signInThroughForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await openForm(page, "/configurations/new");
  const name = `UI ${unique("invalid")}`;

  // As you type.
  await page.getByTestId("configuration-name").fill(name);
  await page.getByTestId("configuration-name").fill("");
  await expect(page.getByTestId("configuration-name-error")).toHaveText("Name is required.");
  await page.getByTestId("configuration-name").fill(name);
  await expect(page.getByTestId("configuration-name-error")).toHaveCount(0);
  await page.getByTestId("configuration-temperature").fill("5");
  await expect(page.getByTestId("configuration-temperature-error")).toHaveText("Temperature must be between 0 and 2.");
  await page.getByTestId("configuration-temperature").fill("warm");
  await expect(page.getByTestId("configuration-temperature-error")).toHaveText("Temperature must be a number.");

  // On submit, untouched fields too: a custom server needs its URL, a model is required.
  await page.getByTestId("configuration-provider").selectOption("custom");
  await page.getByTestId("configuration-save").click();
  await expect(page.getByTestId("configuration-form-error")).toContainText("Some fields need fixing");
  // Focus moves to the first wrong field as the form shows them.
  await expect(page.getByTestId("configuration-base-url")).toBeFocused();
  await expect(page.getByTestId("configuration-baseUrl-error")).toContainText("custom provider needs its base URL");
  await expect(page.getByTestId("configuration-model-error")).toHaveText("Model is required.");
  await page.screenshot({ path: `${SCREENSHOTS}/configuration-invalid.png`, fullPage: true });
  await expect(page).toHaveURL(/\/configurations\/new$/);

  // What only the server knows: a slug in use, reported on its field (its 400 is expected in the console).
  consoleErrors().allow(/status of 400/);
  await page.getByTestId("configuration-temperature").fill("");
  await page.getByTestId("configuration-base-url").fill(`${SIMULATOR_URL}/custom/v1`);
  await page.getByTestId("configuration-model").fill("gateway-default");
  await page.getByTestId("configuration-slug").fill("demo-openai");
  await page.getByTestId("configuration-save").click();
  await expect(page.getByTestId("configuration-slug-error")).toContainText("already used");
  await expect(page).toHaveURL(/\/configurations\/new$/);

  const listed = await readAnswer(await admin.get("/api/configurations?all=1"), configurationListAnswerSchema);
  expect(listed.configurations.map((configuration) => configuration.name)).not.toContain(name);
});

// The key's last four as a field of the data sent to the browser (plain or escaped in the RSC payload).
const LAST_FOUR_SENT = /apiKeyLastFour\\*":\\*"Q7XK/;

test("a viewer sees configurations read-only, never key material, and the API refuses their writes", async ({
  page,
}) => {
  // Both credentials end in upper case and a digit: four digits ("4321") could turn up by chance in the
  // id, dates, latencies or the base36 slug shown beside them; this shape cannot.
  const secret = "sk-e2e-viewer-secret-Q7XK";
  const target = await createThroughApi({
    name: `UI ${unique("viewed")}`,
    provider: "openai",
    model: "gpt-4o-mini",
    baseUrl: `${SIMULATOR_URL}/openai/v1`,
    apiKey: secret,
    extraHeaders: { Authorization: "Bearer proxy-credential-W9RJ" },
  });
  const email = `${unique("viewer")}@example.test`;
  expect(
    (await admin.post("/api/users", { data: { email, password: "viewer-password-1", role: "viewer" } })).status(),
  ).toBe(201);

  await signInThroughForm(page, email, "viewer-password-1");
  await page.goto("/configurations");
  await expect(row(page, target.slug)).toBeVisible();
  await expect(page.getByTestId("new-configuration")).toHaveCount(0);
  for (const control of [
    "edit-configuration",
    "clone-configuration",
    "delete-configuration",
    "deactivate-configuration",
    "activate-configuration",
  ]) {
    await expect(page.getByTestId(control), control).toHaveCount(0);
  }
  await row(page, target.slug).getByTestId("view-configuration").click();
  await expect(page.getByTestId("configuration-details")).toBeVisible();
  await expect(page.getByTestId("configuration-form")).toHaveCount(0);
  await expect(page.getByTestId("details-api-key")).toHaveText(/^Set/);
  await page.screenshot({ path: `${SCREENSHOTS}/configuration-viewer.png`, fullPage: true });
  // The whole page (with the data sent to the browser) carries neither credential; the visible
  // details not even their last four (the page's markup holds hashes of every kind, so only the text shown).
  const html = await page.content();
  expect(html).not.toContain(secret);
  expect(html).not.toContain("proxy-credential");
  expect(html).not.toMatch(LAST_FOUR_SENT);
  expect(await page.getByTestId("configuration-details").innerText()).not.toMatch(/Q7XK|W9RJ/);
  // The dashboard card says a key is set, without its last four characters.
  await page.goto("/");
  const card = page.locator(`[data-testid="configuration-card"][data-slug="${target.slug}"]`);
  await expect(card.getByTestId("configuration-key")).toHaveText("key ••••API key set");
  expect(await card.innerText()).not.toMatch(/Q7XK|W9RJ/);
  expect(await page.content()).not.toMatch(LAST_FOUR_SENT);
  // The admin-only form sends a viewer home (the redirect arrives in the streamed page, so it may take a moment).
  await page.goto("/configurations/new");
  await expect(page).toHaveURL((url) => url.pathname === "/", { timeout: 20_000 });
  await expect(page.getByTestId("configuration-form")).toHaveCount(0);

  const viewer = await signedInContext(email, "viewer-password-1");
  try {
    for (const response of [
      await viewer.post("/api/configurations", { data: { name: "Nope", provider: "openai", model: "m" } }),
      await viewer.patch(`/api/configurations/${target.id}`, { data: { active: false } }),
      await viewer.delete(`/api/configurations/${target.id}`),
      await viewer.post(`/api/configurations/${target.id}/clone`, { data: {} }),
      await viewer.post("/api/provider-models", { data: { provider: "openai", keyFrom: target.id } }),
    ]) {
      expect(response.status()).toBe(403);
    }
    const seen = await viewer.get(`/api/configurations/${target.id}`);
    expect(await seen.text()).not.toContain(secret);
  } finally {
    await viewer.dispose();
  }
  expect(await readThroughApi(target.id)).toMatchObject({ active: true });
});

test("clone makes a new configuration with its own slug; the key is copied on the server", async ({ page }) => {
  const secret = "sk-e2e-clone-source-2468";
  const source = await createThroughApi({
    name: `UI ${unique("source")}`,
    provider: "openai",
    model: "gpt-4o-mini",
    baseUrl: `${SIMULATOR_URL}/openai/v1`,
    apiKey: secret,
    defaultParams: { temperature: 0.9 },
  });
  await signInThroughForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/configurations");
  await page.getByTestId("configuration-search").fill(source.slug);
  await expect(page.getByTestId("configuration-row")).toHaveCount(1);
  await row(page, source.slug).getByTestId("clone-configuration").click();

  await expect(page).toHaveURL(new RegExp(`/configurations/new\\?from=${source.id}$`));
  await expect(page.getByTestId("configuration-save")).toBeEnabled();
  await expect(page.getByTestId("configuration-name")).toHaveValue(`${source.name} (copy)`);
  await expect(page.getByTestId("configuration-slug")).toHaveValue("");
  await expect(page.getByTestId("configuration-temperature")).toHaveValue("0.9");
  await expect(page.getByTestId("api-key-stored")).toHaveText("•••• 2468");
  expect(await page.content()).not.toContain(secret);
  await page.getByTestId("configuration-save").click();

  await expect(page).toHaveURL(/\/configurations\/\d+$/);
  const cloneId = Number(new URL(page.url()).pathname.split("/").pop());
  expect(cloneId).not.toBe(source.id);
  const clone = await readThroughApi(cloneId);
  expect(clone).toMatchObject({
    name: `${source.name} (copy)`,
    hasApiKey: true,
    apiKeyLastFour: "2468",
    defaultParams: { temperature: 0.9 },
  });
  expect(clone?.slug).not.toBe(source.slug);
  // The copied key works: the simulator refuses OpenAI requests without one.
  const tested = await admin.post(`/api/configurations/${cloneId}/test`);
  expect((await readAnswer(tested, connectionTestAnswerSchema)).report.authOk).toBe(true);
});

test("delete names what depends on the configuration, then it is gone and the history stays", async ({ page }) => {
  const doomed = await createThroughApi({
    name: `UI ${unique("doomed")}`,
    provider: "local",
    model: "llama-3.1-8b-instruct",
    baseUrl: `${SIMULATOR_URL}/local/v1`,
  });
  const run = await admin.post("/api/stream", { data: { configuration: doomed.id, prompt: "Say hello" } });
  expect(run.status()).toBe(200);
  const conversationId = Number(/"conversationId":(\d+)/.exec(await run.text())?.[1]);
  expect(conversationId).toBeGreaterThan(0);

  await signInThroughForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  expect((await page.goto(`/configurations/${doomed.id}`))?.status()).toBe(200);
  await page.goto("/configurations");
  await page.getByTestId("configuration-search").fill(doomed.slug);
  await row(page, doomed.slug).getByTestId("delete-configuration").click();
  const dialog = page.getByTestId("delete-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("delete-dependents")).toHaveText(
    "1 conversation and 2 messages used it. They keep their history; their configuration link becomes empty.",
  );
  await page.screenshot({ path: `${SCREENSHOTS}/configuration-delete.png` });
  // Cancel changes nothing.
  await dialog.getByTestId("delete-cancel").click();
  await expect(dialog).toBeHidden();
  expect(await readThroughApi(doomed.id)).not.toBeNull();

  await row(page, doomed.slug).getByTestId("delete-configuration").click();
  await expect(dialog.getByTestId("delete-confirm")).toBeEnabled();
  await dialog.getByTestId("delete-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: `Deleted “${doomed.name}”` })).toBeVisible();
  await expect(row(page, doomed.slug)).toHaveCount(0);
  expect(await readThroughApi(doomed.id)).toBeNull();
  // Its page is a real 404 now, like any unknown id (Chromium logs the 404 itself).
  consoleErrors().allow(/status of 404/);
  for (const path of [`/configurations/${doomed.id}`, "/configurations/999999"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
  }
  const conversation = await admin.get(`/api/conversations/${conversationId}`);
  expect(conversation.status()).toBe(200);
  expect(await conversation.text()).toContain("Say hello");
});

test("the table filters by search, provider and status", async ({ page }) => {
  const marker = unique("filter");
  await createThroughApi({
    name: `UI ${marker} one`,
    provider: "ollama",
    model: "qwen3:8b",
    baseUrl: `${SIMULATOR_URL}/ollama`,
  });
  await createThroughApi({
    name: `UI ${marker} two`,
    provider: "local",
    model: "m",
    baseUrl: `${SIMULATOR_URL}/local/v1`,
    active: false,
  });
  await signInThroughForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/configurations");
  await page.getByTestId("configuration-search").fill(marker);
  await expect(page.getByTestId("configuration-row")).toHaveCount(2);
  await page.getByTestId("configuration-provider-filter").selectOption("ollama");
  await expect(page.getByTestId("configuration-row")).toHaveCount(1);
  await page.getByTestId("configuration-provider-filter").selectOption("all");
  await page.getByTestId("configuration-status-filter").selectOption("inactive");
  await expect(page.getByTestId("configuration-row")).toHaveCount(1);
  await expect(page.getByTestId("configuration-row").getByTestId("configuration-status")).toHaveText("Inactive");
  await page.getByTestId("configuration-search").fill(`${marker} nothing`);
  await expect(page.getByTestId("configuration-table-empty")).toContainText("No configuration matches");
  await page.getByRole("button", { name: "Clear the filters" }).click();
  await expect(page.getByTestId("configuration-search")).toHaveValue("");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SCREENSHOTS}/configurations-table-dark.png`, fullPage: true });
});
