import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { replyText } from "../lib/simulator/reply";
import { readError } from "./support/api";
import { signedInContext, unique } from "./support/api-session";
import { signInThroughForm } from "./support/browser-session";
import { expectCleanConsole, SCREENSHOTS } from "./support/console-errors";
import { promptRun, savedConversation } from "./support/conversation-seed";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./support/credentials";
import { expect, test } from "./support/fixtures";
import { recordWhile } from "./support/page-samples";
import { simulatorRequests, waitForSimulator } from "./support/simulator-control";
import { configurationOnSimulator } from "./support/stream-fixtures";

// The conversations screens in a real Chromium against the app and the provider simulator:
// continuing with full context, list search/filters/pages, rename, delete, playback, export and
// import. No test may log an error in the browser console.

const consoleErrors = expectCleanConsole();

test.beforeEach(async ({ page }) => {
  await signInThroughForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
});

async function openConversation(page: Page, id: number): Promise<void> {
  await page.goto(`/conversations/${id}`);
  // Enabled once hydrated: a key pressed earlier would be lost.
  await expect(page.getByTestId("send-button")).toBeEnabled();
}

async function sendTurn(page: Page, message: string): Promise<void> {
  await page.getByTestId("prompt-input").fill(message);
  await page.getByTestId("prompt-input").press("Enter");
}

test("a three-turn conversation sends every earlier turn as context and shows each turn's numbers", async ({
  page,
  admin,
}) => {
  const configuration = await configurationOnSimulator({ provider: "openai", scenario: "slow-20" });
  const first = "First question about rivers";
  const id = await promptRun(admin, { configuration: configuration.id, prompt: first });
  await openConversation(page, id);
  await expect(page.getByTestId("turn")).toHaveCount(2);

  const second = "Second question about lakes";
  await sendTurn(page, second);
  await expect(page.getByTestId("live-turn")).toContainText(second);
  await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "streaming");
  await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "done", { timeout: 20_000 });
  await expect(page.getByTestId("turn")).toHaveCount(4);
  // The saved reply, not a half-written copy: the page reads it again until its last write landed.
  await expect(page.getByTestId("turn").nth(3).getByTestId("turn-status")).toHaveText("complete");
  await expect(page.getByTestId("turn").nth(3).getByTestId("turn-content")).toHaveText(replyText(second));
  await expect(page.getByTestId("live-turn")).toHaveCount(0);

  const third = "Third question about oceans";
  await sendTurn(page, third);
  await expect(page.getByTestId("turn")).toHaveCount(6, { timeout: 20_000 });

  // What the provider received for the third turn: every earlier turn, in order.
  const requests = await waitForSimulator(
    configuration.tag,
    (seen) => seen.length === 3 && seen.every((request) => request.completed),
  );
  const messages = (requests[2]?.body as { messages: Array<{ role: string; content: string }> }).messages;
  expect(messages).toEqual([
    { role: "user", content: first },
    { role: "assistant", content: replyText(first) },
    { role: "user", content: second },
    { role: "assistant", content: replyText(second) },
    { role: "user", content: third },
  ]);

  const lastReply = page.getByTestId("turn").nth(5);
  await expect(lastReply).toHaveAttribute("data-role", "assistant");
  await expect(lastReply.getByTestId("turn-content")).toHaveText(replyText(third));
  await expect(lastReply.getByTestId("turn-status")).toHaveText("complete");
  await expect(lastReply.getByTestId("turn-completion-tokens")).toHaveText(/^\d+$/);
  await expect(lastReply.getByTestId("turn-prompt-tokens")).toHaveText(/^\d+$/);
  await expect(lastReply.getByTestId("turn-ttft")).toHaveText(/^\d+ ms$|^\d+\.\d\d s$/);
  await expect(lastReply.getByTestId("turn-duration")).toHaveText(/^\d+\.\d s$/);
  await page.screenshot({ path: `${SCREENSHOTS}/conversation-detail.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SCREENSHOTS}/conversation-detail-mobile.png`, fullPage: true });
});

test("search, filters and pages find the right conversations", async ({ page, admin }) => {
  const marker = unique("zebra").replace(/-/g, "");
  const openai = await configurationOnSimulator({ provider: "openai", scenario: "fast" });
  const anthropic = await configurationOnSimulator({ provider: "anthropic", scenario: "fast" });
  const failing = await configurationOnSimulator({ provider: "openai", scenario: "http-500" });
  const alpha = await promptRun(admin, {
    configuration: openai.id,
    prompt: "alpha question",
    title: `${marker} alpha`,
  });
  const beta = await promptRun(admin, {
    configuration: anthropic.id,
    prompt: `beta question ${marker}content`,
    title: "beta title",
  });
  const gamma = await promptRun(admin, {
    configuration: failing.id,
    prompt: "gamma question",
    title: `${marker} gamma`,
  });

  const rowIds = async (): Promise<number[]> =>
    (
      await page
        .getByTestId("conversation-row")
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-id"))))
    ).sort();

  await page.goto("/conversations");
  await expect(page.getByTestId("import-button")).toBeEnabled();
  await page.getByTestId("filter-search").fill(marker);
  await page.getByTestId("filter-search").press("Enter");
  await expect(page).toHaveURL(/search=/);
  // The title of two, the text of a turn of the third.
  await expect.poll(rowIds).toEqual([alpha, beta, gamma].sort());

  await page.getByTestId("filter-provider").selectOption("anthropic");
  await page.getByTestId("filter-apply").click();
  await expect.poll(rowIds).toEqual([beta]);
  await expect(page.getByTestId("filter-search")).toHaveValue(marker);

  await page.getByTestId("filter-provider").selectOption("");
  await page.getByTestId("filter-configuration").selectOption(String(openai.id));
  await page.getByTestId("filter-apply").click();
  await expect.poll(rowIds).toEqual([alpha]);

  await page.getByTestId("filter-configuration").selectOption("");
  await page.getByTestId("filter-status").selectOption("error");
  await page.getByTestId("filter-apply").click();
  await expect.poll(rowIds).toEqual([gamma]);
  await expect(page.getByTestId("conversation-row").getByTestId("status-badge")).toHaveText("error");

  // Dates are the reader's local days: the days the three were created on (one, or two across
  // midnight). "Today" read now is the next day when midnight passed since they were created.
  const created = await Promise.all(
    [alpha, beta, gamma].map(async (id) => (await savedConversation(admin, id)).createdAt),
  );
  const days = await page.evaluate((instants) => {
    const localDay = (date: Date) =>
      `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
    return instants.map((instant) => localDay(new Date(instant))).sort();
  }, created);
  const [firstDay = "", lastDay = ""] = [days[0], days[days.length - 1]];
  await page.getByTestId("filter-status").selectOption("");
  await page.getByTestId("filter-from").fill(firstDay);
  await page.getByTestId("filter-to").fill(lastDay);
  await page.getByTestId("filter-apply").click();
  await expect.poll(rowIds).toEqual([alpha, beta, gamma].sort());
  await expect(page.getByTestId("filter-from")).toHaveValue(firstDay);
  await page.screenshot({ path: `${SCREENSHOTS}/conversations-list.png`, fullPage: true });
  await page.getByTestId("filter-from").fill("2001-01-01");
  await page.getByTestId("filter-to").fill("2001-01-31");
  await page.getByTestId("filter-apply").click();
  await expect(page.getByTestId("conversations-empty")).toContainText("No conversation matches");

  // Pages of two keep the search; newest first.
  await page.goto(`/conversations?search=${marker}&pageSize=2`);
  await expect.poll(rowIds).toEqual([beta, gamma].sort());
  await expect(page.getByTestId("pagination-summary")).toHaveText("1–2 of 3 · page 1 of 2");
  await page.getByTestId("pagination-next").click();
  await expect(page).toHaveURL(/page=2/);
  await expect.poll(rowIds).toEqual([alpha]);
  await expect(page.getByTestId("pagination-summary")).toHaveText("3–3 of 3 · page 2 of 2");
  await expect(page.getByTestId("pagination-next")).toHaveAttribute("aria-disabled", "true");
  await page.getByTestId("pagination-previous").click();
  await expect.poll(rowIds).toEqual([beta, gamma].sort());

  await page.getByTestId("filter-clear").click();
  await expect(page).toHaveURL((url) => url.pathname === "/conversations" && url.search === "");
  await expect(page.getByTestId("filter-search")).toHaveValue("");

  // A narrow screen keeps every filter reachable; the table scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("filter-apply")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/conversations-list-mobile.png`, fullPage: true });
});

test("rename and delete, behind a confirmation", async ({ page, admin }) => {
  const configuration = await configurationOnSimulator({ provider: "local", scenario: "fast" });
  const id = await promptRun(admin, { configuration: configuration.id, prompt: "to be renamed" });
  expect((await page.goto(`/conversations/${id}`))?.status()).toBe(200);
  await openConversation(page, id);

  await page.getByTestId("rename-button").click();
  await expect(page.getByTestId("rename-input")).toBeFocused();
  const title = `Renamed ${unique("t")}`;
  await page.getByTestId("rename-input").fill(title);
  await page.getByTestId("rename-input").press("Enter");
  await expect(page.getByTestId("conversation-title")).toHaveText(title);
  await expect(page.getByTestId("toast")).toContainText("Renamed");
  expect((await savedConversation(admin, id)).title).toBe(title);

  await page.getByTestId("delete-button").click();
  const dialog = page.getByTestId("delete-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(title);
  await page.screenshot({ path: `${SCREENSHOTS}/conversation-delete-dialog.png` });
  // Cancel keeps it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect((await admin.get(`/api/conversations/${id}`)).status()).toBe(200);

  await page.getByTestId("delete-button").click();
  await page.getByTestId("delete-confirm").click();
  await expect(page).toHaveURL((url) => url.pathname === "/conversations");
  await expect(page.getByTestId("toast").filter({ hasText: "Deleted" })).toHaveText(`Deleted “${title}”.`);
  expect((await admin.get(`/api/conversations/${id}`)).status()).toBe(404);
  // Its page is a real 404 now, like any unknown id (Chromium logs the 404 itself).
  consoleErrors().allow(/status of 404/);
  for (const path of [`/conversations/${id}`, "/conversations/999999"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
  }
});

async function playbackSnapshot(page: Page): Promise<{ length: number; tokens: string; done: string | null }> {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-testid="playback-panel"]');
    return {
      length: panel?.querySelector('[data-testid="run-output"]')?.textContent?.length ?? 0,
      tokens: panel?.querySelector('[data-testid="status-tokens"]')?.textContent ?? "",
      done: panel?.getAttribute("data-done") ?? null,
    };
  });
}

test("playback replays a saved reply with its rhythm at 1×, and all at once when instant", async ({ page, admin }) => {
  const configuration = await configurationOnSimulator({ provider: "openai", scenario: "slow-40" });
  const prompt = "Replay me slowly please";
  const id = await promptRun(admin, { configuration: configuration.id, prompt });
  const saved = await savedConversation(admin, id);
  const completionTokens = String(saved.messages[1]?.usage.completionTokens);
  await page.emulateMedia({ colorScheme: "dark" });
  // A fake clock that runs in real time, so "stays stopped" below is checked by jumping ahead, not by sleeping.
  await page.clock.install();
  await openConversation(page, id);

  // Every frame the page shows until the replay is done, recorded by the page: the replay runs on
  // the wall clock, and a read-and-sleep loop here got too few samples on a loaded machine.
  const played = await recordWhile(page, '[data-testid="playback-panel"]:not([data-done="true"])', {
    output: '[data-testid="playback-panel"] [data-testid="run-output"]',
    tokens: '[data-testid="playback-panel"] [data-testid="status-tokens"]',
  });
  await page.getByTestId("playback-button").click();
  const panel = page.getByTestId("playback-panel");
  await expect(panel).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/conversation-playback-dark.png`, fullPage: true });
  await expect(panel).toHaveAttribute("data-done", "true", { timeout: 20_000 });
  // Intermediate text that grows, and a counter that takes several values on the way.
  const samples = await played();
  const lengths = samples.map((sample) => (sample.output ?? "").length);
  expect(lengths.length).toBeGreaterThanOrEqual(3);
  expect(lengths.some((length) => length > 0 && length < replyText(prompt).length)).toBe(true);
  expect(lengths[lengths.length - 1]).toBeGreaterThan(lengths[0] ?? 0);
  expect(new Set(samples.map((sample) => sample.tokens)).size).toBeGreaterThanOrEqual(3);
  await expect(panel.getByTestId("run-output")).toHaveText(replyText(prompt));
  await expect(panel.getByTestId("status-tokens")).toHaveText(completionTokens);
  await expect(panel.getByTestId("status-token-source")).toHaveText("provider");
  await expect(panel.getByTestId("run-status")).toContainText("Replayed");

  // Instant: everything in the very next frame after the click.
  await panel.getByTestId("playback-speed-instant").check({ force: true });
  await panel.getByTestId("playback-restart").click();
  const instant = await playbackSnapshot(page);
  expect(instant).toEqual({ length: replyText(prompt).length, tokens: completionTokens, done: "true" });

  // Stop mid-way keeps the partial text.
  await panel.getByTestId("playback-speed-1").check({ force: true });
  await panel.getByTestId("playback-restart").click();
  await expect.poll(async () => (await playbackSnapshot(page)).length).toBeGreaterThan(5);
  await page.keyboard.press("Escape");
  await expect(panel.getByTestId("run-status")).toHaveText("Playback stopped.");
  const stopped = await playbackSnapshot(page);
  expect(stopped.length).toBeLessThan(replyText(prompt).length);
  await page.clock.fastForward(300);
  expect((await playbackSnapshot(page)).length).toBe(stopped.length);
});

test("a JSON export imports as the same conversation, and the Markdown export holds the turns", async ({
  page,
  admin,
}) => {
  const configuration = await configurationOnSimulator({ provider: "anthropic", scenario: "reasoning" });
  const id = await promptRun(admin, { configuration: configuration.id, prompt: "Export this conversation" });
  await openConversation(page, id);
  await sendTurn(page, "And a follow-up to export");
  await expect(page.getByTestId("turn")).toHaveCount(4, { timeout: 20_000 });

  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  expect(jsonDownload.suggestedFilename()).toMatch(new RegExp(`^conversation-${id}-.*\\.json$`));
  const jsonPath = await jsonDownload.path();
  const [markdownDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-markdown").click(),
  ]);
  const markdown = readFileSync(await markdownDownload.path(), "utf8");
  expect(markdown.match(/^## (User|Assistant)$/gm)).toEqual(["## User", "## Assistant", "## User", "## Assistant"]);
  expect(markdown).toContain("And a follow-up to export");
  expect(markdown).toContain(replyText("Export this conversation"));
  expect(markdown).toContain("<summary>Thinking</summary>");

  await page.goto("/conversations");
  await expect(page.getByTestId("import-button")).toBeEnabled();
  await page.getByTestId("import-input").setInputFiles(jsonPath);
  await expect(page).toHaveURL(
    (url) => /^\/conversations\/\d+$/.test(url.pathname) && url.pathname !== `/conversations/${id}`,
  );
  await expect(page.getByTestId("toast")).toContainText("Imported as conversation");
  const importedId = Number(page.url().split("/").pop());

  const comparable = (conversation: Awaited<ReturnType<typeof savedConversation>>) =>
    conversation.messages.map(({ role, content, status, usage, metrics, timeline }) => ({
      role,
      content,
      status,
      usage,
      metrics,
      timeline,
    }));
  const [original, imported] = await Promise.all([savedConversation(admin, id), savedConversation(admin, importedId)]);
  expect(comparable(imported)).toEqual(comparable(original));
  expect(imported.title).toBe(original.title);
  await expect(page.getByTestId("turn")).toHaveCount(4);
  await expect(page.getByTestId("playback-button")).toHaveCount(2);

  // A file that is not an export: a clear message, nothing created.
  consoleErrors().allow(/Failed to load resource: the server responded with a status of 400/);
  await page.goto("/conversations");
  await expect(page.getByTestId("import-button")).toBeEnabled();
  await page
    .getByTestId("import-input")
    .setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"hello":"world"}') });
  await expect(page.getByTestId("toast")).toContainText(
    "notes.json was not imported. Invalid conversation file: format: format must be",
  );
  await page
    .getByTestId("import-input")
    .setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{not json") });
  await expect(page.getByTestId("toast").last()).toContainText(
    "broken.json was not imported. Conversation file is not valid JSON.",
  );
});

test("the API refuses what it must: bad imports, bad filters, other users' deletes", async ({ admin }) => {
  const notExport = await admin.post("/api/conversations/import", { data: { format: "something-else" } });
  expect(notExport.status()).toBe(400);
  expect((await readError(notExport)).error).toMatchObject({
    code: "invalid_params",
    message: expect.stringContaining("not an LLM Manager conversation export"),
  });
  const badDate = await admin.get("/api/conversations?from=yesterday");
  expect(badDate.status()).toBe(400);
  const badFormat = await admin.get("/api/conversations/1/export?format=pdf");
  expect(badFormat.status()).toBe(400);

  const configuration = await configurationOnSimulator({ provider: "ollama", scenario: "fast" });
  const id = await promptRun(admin, { configuration: configuration.id, prompt: "owned by the admin" });
  const email = `${unique("viewer")}@example.test`;
  const password = "viewer-password-e2e-1";
  expect((await admin.post("/api/users", { data: { email, password, role: "viewer" } })).status()).toBe(201);
  const viewer = await signedInContext(email, password);
  try {
    const refused = await viewer.delete(`/api/conversations/${id}`);
    expect(refused.status()).toBe(403);
    expect((await viewer.patch(`/api/conversations/${id}`, { data: { title: "mine now" } })).status()).toBe(403);
    // A viewer's own conversation is theirs to rename and delete.
    const own = await promptRun(viewer, { configuration: configuration.id, prompt: "owned by the viewer" });
    expect((await viewer.patch(`/api/conversations/${own}`, { data: { title: "" } })).status()).toBe(400);
    expect((await viewer.patch(`/api/conversations/${own}`, { data: { title: "Viewer's" } })).status()).toBe(200);
    expect((await viewer.delete(`/api/conversations/${own}`)).status()).toBe(200);
    expect((await simulatorRequests(configuration.tag)).length).toBe(2);
  } finally {
    await viewer.dispose();
  }
});
