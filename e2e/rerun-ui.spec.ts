import { expect, test, type APIRequestContext } from "@playwright/test";
import { replyText } from "../lib/simulator/reply";
import { signedInContext } from "./support/api-session";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./support/credentials";
import { signedInAdminWithCleanConsole } from "./support/browser-session";
import { SCREENSHOTS } from "./support/console-errors";
import { pollJson } from "./support/poll-json";
import { simulatorRequests, waitForSimulator } from "./support/simulator-control";
import { simulatedConfigurations } from "./support/stream-fixtures";
import { conversationAnswerSchema } from "../lib/contracts/conversations";
import { readAnswer, readError } from "./support/api";

// Re-run of a saved conversation on other configurations, side by side, in a real Chromium
// against the app and the provider simulator.

const MS = /^\d+ ms$|^\d+\.\d\d s$/;
const SYSTEM = "Answer in one short paragraph.";
const TURNS = ["What is a token?", "And why count them while streaming?"];

signedInAdminWithCleanConsole();

/** A two-turn conversation saved through the API, each turn streamed to its end. */
async function savedConversation(api: APIRequestContext, configurationId: number): Promise<number> {
  const created = await api.post("/api/conversations", {
    data: { configuration: configurationId, title: "Tokens explained", system: SYSTEM, temperature: 0.5 },
  });
  expect(created.status()).toBe(201);
  const { conversation } = await readAnswer(created, conversationAnswerSchema);
  for (const message of TURNS) {
    const turn = await api.post(`/api/conversations/${conversation.id}/stream`, {
      data: { message, temperature: 0.5 },
    });
    expect(turn.status()).toBe(200);
    expect(await turn.text()).toContain('"type":"done"');
  }
  return conversation.id;
}

test("a 2-turn conversation re-runs on two configurations side by side, with a per-turn table and linked conversations", async ({
  page,
}) => {
  const [original, first, second] = await simulatedConfigurations([
    { provider: "openai" },
    { provider: "openrouter", scenario: "slow-5" },
    { provider: "local", scenario: "slow-5" },
  ]);
  if (!original || !first || !second) throw new Error("configurations were not created");
  const api = await signedInContext(ADMIN_EMAIL, ADMIN_PASSWORD);
  const originId = await savedConversation(api, original.id);

  await page.goto(`/conversations/${originId}/rerun`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Re-run: Tokens explained");
  await expect(page.getByTestId("rerun-start")).toBeEnabled();
  // Nothing chosen: the page says what to do instead of sending.
  await page.getByTestId("rerun-start").click();
  await expect(page.getByTestId("configuration-checklist-error")).toHaveText(
    "Choose at least one configuration to re-run the conversation on.",
  );

  const checkbox = (id: number) =>
    page.locator(`[data-testid="configuration-checkbox"][data-configuration-id="${id}"]`);
  await checkbox(first.id).check();
  // Keyboard: Space toggles the focused checkbox.
  await checkbox(second.id).focus();
  await page.keyboard.press("Space");
  await expect(checkbox(second.id)).toBeChecked();
  await page.getByTestId("rerun-start").click();

  const columns = page.getByTestId("run-column");
  await expect(columns).toHaveCount(2);
  await expect(columns.nth(0)).toHaveAttribute("data-configuration-id", String(first.id));
  await expect(columns.nth(1)).toHaveAttribute("data-configuration-id", String(second.id));
  await expect(page.getByTestId("rerun-view")).toHaveAttribute("data-phase", "finished", { timeout: 30_000 });
  await expect(page.getByTestId("toast")).toContainText("Re-run finished: 2 conversations saved.");

  for (const column of [columns.nth(0), columns.nth(1)]) {
    await expect(column).toHaveAttribute("data-phase", "done");
    await expect(column.getByTestId("column-progress")).toHaveText("Turn 2 of 2");
    await expect(column.getByTestId("column-message")).toHaveText(TURNS);
    await expect(column.getByTestId("column-output")).toHaveText(TURNS.map(replyText));
    await expect(column.getByTestId("status-token-source")).toHaveText("provider");
  }

  // Every turn has the original's numbers and each re-run's numbers with their differences.
  const groups = page.getByTestId("turn-group");
  await expect(groups).toHaveCount(2);
  for (let turn = 0; turn < TURNS.length; turn += 1) {
    const rows = groups.nth(turn).getByTestId("turn-row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toHaveAttribute("data-run", "original");
    await expect(rows.nth(0).getByTestId("cell-completionTokens")).toHaveText(/^\d+$/);
    await expect(rows.nth(0).getByTestId("cell-ttftMs")).toHaveText(MS);
    for (const row of [rows.nth(1), rows.nth(2)]) {
      await expect(row.getByTestId("cell-completionTokens")).toHaveText(/^\d+[+−±]\d+ tokens?$/);
      await expect(row.getByTestId("diff-ttftMs")).toHaveText(/^[+−±](\d+ ms|\d+\.\d\d s)$/);
      await expect(row.getByTestId("diff-durationMs")).toHaveText(/^[+−±](\d+ ms|\d+\.\d\d s)$/);
      await expect(row.getByTestId("diff-tokensPerSecond")).toHaveText(/^[+−±]\d+\.\d tok\/s$/);
    }
  }
  await page.screenshot({ path: `${SCREENSHOTS}/rerun-done.png`, fullPage: true });

  // The re-runs are saved as conversations linked to the original, with its system prompt and parameters.
  const links = page.getByTestId("rerun-conversation-link");
  await expect(links).toHaveCount(2);
  const ids = (await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""))).map(
    (href) => Number(/\/conversations\/(\d+)$/.exec(href)?.[1]),
  );
  for (const [index, id] of ids.entries()) {
    const { conversation } = await pollJson(api, `/api/conversations/${id}`, conversationAnswerSchema, (body) =>
      body.conversation.messages.every((message) => message.status !== "streaming"),
    );
    expect(conversation).toMatchObject({
      origin: "replay",
      originConversationId: originId,
      systemPrompt: SYSTEM,
      params: { temperature: 0.5 },
      configuration: { id: [first.id, second.id][index] },
    });
    expect(conversation.messages.map((message) => [message.role, message.status, message.content])).toEqual([
      ["user", "complete", TURNS[0]],
      ["assistant", "complete", replyText(TURNS[0] ?? "")],
      ["user", "complete", TURNS[1]],
      ["assistant", "complete", replyText(TURNS[1] ?? "")],
    ]);
  }

  // The simulator saw each re-run turn with the turns before it as context.
  for (const configuration of [first, second]) {
    const requests = (await simulatorRequests(configuration.tag)).filter((request) => request.body !== null);
    expect(requests).toHaveLength(2);
    expect(requests.map((request) => request.body)).toEqual([
      expect.objectContaining({
        temperature: 0.5,
        messages: [
          { role: "system", content: SYSTEM },
          { role: "user", content: TURNS[0] },
        ],
      }),
      expect.objectContaining({
        temperature: 0.5,
        messages: [
          { role: "system", content: SYSTEM },
          { role: "user", content: TURNS[0] },
          { role: "assistant", content: replyText(TURNS[0] ?? "") },
          { role: "user", content: TURNS[1] },
        ],
      }),
    ]);
  }
  await api.dispose();
});

test("Esc stops every column of a re-run and the rest of its turns are not sent", async ({ page }) => {
  const [original, slow] = await simulatedConfigurations([
    { provider: "local" },
    { provider: "openai", scenario: "slow-80" },
  ]);
  if (!original || !slow) throw new Error("configurations were not created");
  const api = await signedInContext(ADMIN_EMAIL, ADMIN_PASSWORD);
  const originId = await savedConversation(api, original.id);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`/conversations/${originId}/rerun`);
  await page.locator(`[data-testid="configuration-checkbox"][data-configuration-id="${slow.id}"]`).check();
  await page.getByTestId("rerun-start").click();
  const column = page.getByTestId("run-column");
  await expect
    .poll(async () => ((await column.getByTestId("column-output").first().textContent()) ?? "").length)
    .toBeGreaterThan(10);
  await page.screenshot({ path: `${SCREENSHOTS}/rerun-streaming-dark.png`, fullPage: true });
  await page.keyboard.press("Escape");

  await expect(page.getByTestId("rerun-view")).toHaveAttribute("data-phase", "finished");
  await expect(column).toHaveAttribute("data-phase", "stopped");
  await expect(column.getByTestId("column-progress")).toHaveText("Turn 1 of 2");
  // The column stops on the run's final event; the simulator notices the closed socket on its own time.
  const requests = (
    await waitForSimulator(slow.tag, (seen) => seen.some((request) => request.clientDisconnected))
  ).filter((request) => request.body !== null);
  expect(requests.map((request) => [request.completed, request.clientDisconnected])).toEqual([[false, true]]);
  await expect(page.getByTestId("turn-group").nth(0).locator('[data-testid="turn-row"]').nth(1)).toContainText(
    "stopped",
  );
  await expect(page.getByTestId("turn-group").nth(1).locator('[data-testid="turn-row"]').nth(1)).toContainText(
    "pending",
  );
  await api.dispose();
});

test("the re-run API refuses unknown records and bad bodies with JSON errors", async () => {
  const [configuration] = await simulatedConfigurations([{ provider: "local" }]);
  if (!configuration) throw new Error("configuration was not created");
  const api = await signedInContext(ADMIN_EMAIL, ADMIN_PASSWORD);
  const empty = await readAnswer(
    await api.post("/api/conversations", { data: { configuration: configuration.id } }),
    conversationAnswerSchema,
  );
  const cases: Array<[string, unknown, number, string]> = [
    ["/api/conversations/999999/replays", { configurations: [configuration.id] }, 404, "not_found"],
    [
      `/api/conversations/${empty.conversation.id}/replays`,
      { configurations: ["no-such-configuration"] },
      404,
      "not_found",
    ],
    [`/api/conversations/${empty.conversation.id}/replays`, { configurations: [] }, 400, "invalid_params"],
    [
      `/api/conversations/${empty.conversation.id}/replays`,
      { configurations: [configuration.id] },
      400,
      "invalid_params",
    ],
    ["/api/conversations/abc/replays", { configurations: [configuration.id] }, 400, "invalid_params"],
    ["/api/compare-sets", { configurations: [configuration.id], prompt: "hi" }, 400, "invalid_params"],
    [
      "/api/compare-sets",
      { configurations: [configuration.id, "no-such-configuration"], prompt: "hi" },
      404,
      "not_found",
    ],
    [
      "/api/compare-sets",
      { configurations: [configuration.id, configuration.slug], prompt: " " },
      400,
      "invalid_params",
    ],
  ];
  for (const [path, body, status, code] of cases) {
    const response = await api.post(path, { data: body });
    expect(response.status(), path).toBe(status);
    expect((await readError(response)).error.code, path).toBe(code);
  }
  const malformed = await api.post("/api/compare-sets", {
    data: "{not json",
    headers: { "Content-Type": "application/json" },
  });
  expect(malformed.status()).toBe(400);
  expect((await api.get(`/api/compare-sets/${empty.conversation.id}`)).status()).toBe(404);
  await api.dispose();
});
