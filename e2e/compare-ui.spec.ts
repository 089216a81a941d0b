import { expect, test, type Page } from "@playwright/test";
import { replyText } from "../lib/simulator/reply";
import { signedInAdminWithCleanConsole } from "./support/browser-session";
import { SCREENSHOTS } from "./support/console-errors";
import { pollJson } from "./support/poll-json";
import { waitForSimulator } from "./support/simulator-control";
import { simulatedConfigurations } from "./support/stream-fixtures";
import { compareSetAnswerSchema } from "../lib/contracts/conversations";

// /compare in a real Chromium against the app and the provider simulator: one prompt streams
// into several columns at once, Stop all reaches every provider request, and the saved set opens again.

const consoleErrors = signedInAdminWithCleanConsole();

async function choose(page: Page, ids: number[]): Promise<void> {
  for (const id of ids)
    await page.locator(`[data-testid="configuration-checkbox"][data-configuration-id="${id}"]`).check();
}

/** One read of every column at the same instant: its phase and how much text it shows. */
async function columnSnapshot(page: Page): Promise<Array<{ phase: string | null; length: number }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="run-column"]')].map((column) => ({
      phase: column.getAttribute("data-phase"),
      length: column.querySelector('[data-testid="column-output"]')?.textContent?.length ?? 0,
    })),
  );
}

async function savedSetId(page: Page): Promise<number> {
  const href = (await page.getByTestId("compare-set-link").getAttribute("href")) ?? "";
  return Number(/\/compare\/(\d+)$/.exec(href)?.[1]);
}

test("one prompt streams into three columns at once; Stop all stops every one, and the saved set reopens", async ({
  page,
}) => {
  // Three streams, two full-page screenshots and a reopened set: 24.5 s of the default 30 s on a loaded run.
  test.setTimeout(90_000);
  // A third of each reply at 80 ms a token, then silence until stopped: Stop all must find every
  // run still going however long the screenshot and polls below take on a loaded machine.
  const configurations = await simulatedConfigurations([
    { provider: "openai", scenario: "slow-80+stall-midstream" },
    { provider: "anthropic", scenario: "slow-80+stall-midstream" },
    { provider: "ollama", scenario: "slow-80+stall-midstream" },
  ]);
  await page.goto("/compare");
  await expect(page.getByRole("link", { name: "Compare", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("send-button")).toBeEnabled();
  await expect(page.getByTestId("compare-empty")).toBeVisible();
  // Six demo configurations and these three: the filter box narrows the list, chosen ones stay.
  const [first, second] = configurations;
  if (!first || !second) throw new Error("configurations missing");
  await page.getByTestId("configuration-filter").fill(first.slug);
  await expect(page.getByTestId("configuration-checkbox")).toHaveCount(1);
  await page.locator(`[data-configuration-id="${first.id}"]`).check();
  await page.getByTestId("configuration-filter").fill(second.slug);
  await expect(page.getByTestId("configuration-checkbox")).toHaveCount(2);
  await page.getByTestId("configuration-filter").fill("");
  await page.locator(`[data-configuration-id="${first.id}"]`).uncheck();
  await choose(
    page,
    configurations.map((configuration) => configuration.id),
  );
  const prompt = "Compare yourselves";
  await page.getByTestId("prompt-input").fill(prompt);
  await page.getByTestId("prompt-input").press("Shift+Enter");
  await expect(page.getByTestId("prompt-input")).toHaveValue(`${prompt}\n`);
  await page.getByTestId("prompt-input").press("Backspace");
  await page.getByTestId("prompt-input").press("Enter");

  await expect(page.getByTestId("run-column")).toHaveCount(3);
  // At one instant, at least two columns show part of their reply and none has finished.
  await expect
    .poll(async () => {
      const columns = await columnSnapshot(page);
      const partial = columns.filter((column) => column.phase === "streaming" && column.length > 0).length;
      return partial >= 2 && columns.every((column) => column.phase === "streaming" || column.phase === "connecting");
    })
    .toBe(true);
  await expect(page.getByTestId("run-column").first().getByTestId("status-token-counter")).toContainText("≈");
  await page.screenshot({ path: `${SCREENSHOTS}/compare-streaming.png`, fullPage: true });

  // Every column has some text to keep before Stop all.
  await expect
    .poll(async () => (await columnSnapshot(page)).every((column) => column.phase === "streaming" && column.length > 0))
    .toBe(true);
  await page.getByTestId("stop-button").click();
  for (const column of await page.getByTestId("run-column").all())
    await expect(column).toHaveAttribute("data-phase", "stopped");
  for (const configuration of configurations) {
    const [request] = await waitForSimulator(configuration.tag, (requests) => requests[0]?.clientDisconnected === true);
    expect(request?.completed).toBe(false);
  }
  await expect(page.getByTestId("compare-view")).toHaveAttribute("data-phase", "finished");

  const setId = await savedSetId(page);
  const { set } = await pollJson(page.request, `/api/compare-sets/${setId}`, compareSetAnswerSchema, (body) =>
    body.set.conversations.every((conversation) =>
      conversation.messages.every((message) => message.status !== "streaming"),
    ),
  );
  expect(set.conversations.map((conversation) => conversation.configuration?.id)).toEqual(
    configurations.map((configuration) => configuration.id),
  );
  for (const conversation of set.conversations) {
    expect(conversation).toMatchObject({ origin: "compare", originConversationId: setId });
    expect(conversation.messages.map((message) => [message.role, message.status])).toEqual([
      ["user", "complete"],
      ["assistant", "aborted"],
    ]);
    const partial = conversation.messages[1]?.content ?? "";
    expect(partial.length).toBeGreaterThan(0);
    expect(replyText(prompt).startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThan(replyText(prompt).length);
  }

  await page.getByTestId("compare-set-link").click();
  await expect(page).toHaveURL(`/compare/${setId}`);
  await expect(page.getByTestId("compare-set-prompt")).toHaveText(prompt);
  const saved = page.getByTestId("run-column");
  await expect(saved).toHaveCount(3);
  for (const [index, conversation] of set.conversations.entries()) {
    await expect(saved.nth(index)).toHaveAttribute("data-phase", "stopped");
    await expect(saved.nth(index).getByTestId("column-output")).toHaveText(conversation.messages[1]?.content ?? "");
    await expect(saved.nth(index).getByTestId("compare-conversation-link")).toHaveAttribute(
      "href",
      `/conversations/${conversation.id}`,
    );
  }
  await page.screenshot({ path: `${SCREENSHOTS}/compare-saved-stopped.png`, fullPage: true });

  // The set's own record has no turns: the conversations list and its conversation URL lead to the set.
  await page.goto(`/conversations?search=${encodeURIComponent(prompt)}`);
  await expect(
    page.locator(`[data-testid="conversation-row"][data-id="${setId}"]`).getByTestId("conversation-link"),
  ).toHaveAttribute("href", `/compare/${setId}`);
  await page.goto(`/conversations/${setId}`);
  await expect(page).toHaveURL(`/compare/${setId}`);
  await expect(page.getByTestId("compare-set-prompt")).toHaveText(prompt);
});

test("a comparison that runs to the end shows every reply and its numbers, live and reopened", async ({ page }) => {
  const configurations = await simulatedConfigurations([{ provider: "openrouter" }, { provider: "local" }]);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/compare");
  await expect(page.getByTestId("send-button")).toBeEnabled();
  await choose(page, [configurations[0]?.id ?? 0]);
  const prompt = "Say hello";
  await page.getByTestId("prompt-input").fill(prompt);
  await page.getByTestId("send-button").click();
  // One configuration is not a comparison.
  await expect(page.getByTestId("configuration-checklist-error")).toHaveText(
    "Choose at least 2 configurations to compare.",
  );
  await choose(page, [configurations[1]?.id ?? 0]);
  await page.getByTestId("system-input").fill("Be friendly.");
  await page.getByTestId("param-temperature").fill("0.2");
  await page.getByTestId("send-button").click();

  await expect(page.getByTestId("compare-view")).toHaveAttribute("data-phase", "finished", { timeout: 20_000 });
  const columns = page.getByTestId("run-column");
  for (const column of await columns.all()) {
    await expect(column).toHaveAttribute("data-phase", "done");
    await expect(column.getByTestId("column-output")).toHaveText(replyText(prompt));
    await expect(column.getByTestId("status-tokens")).toHaveText(/^\d+$/);
    await expect(column.getByTestId("status-ttft")).toHaveText(/^\d+ ms$|^\d+\.\d\d s$/);
  }
  await expect(page.getByTestId("toast")).toContainText("saved: 2 replies");
  for (const configuration of configurations) {
    const [request] = await waitForSimulator(configuration.tag, (requests) => requests[0]?.completed === true);
    expect(request?.body).toMatchObject({
      temperature: 0.2,
      messages: [
        { role: "system", content: "Be friendly." },
        { role: "user", content: prompt },
      ],
    });
  }
  await page.screenshot({ path: `${SCREENSHOTS}/compare-done-dark.png`, fullPage: true });

  const setId = await savedSetId(page);
  expect((await page.goto(`/compare/${setId}`))?.status()).toBe(200);
  await expect(page.getByTestId("compare-set")).toContainText("Be friendly.");
  for (const column of await page.getByTestId("run-column").all()) {
    await expect(column).toHaveAttribute("data-phase", "done");
    await expect(column.getByTestId("column-output")).toHaveText(replyText(prompt));
    await expect(column.getByTestId("status-token-source")).toHaveText("provider");
  }
  await expect(page.getByTestId("saved-at")).not.toHaveText(/T/);
  await page.screenshot({ path: `${SCREENSHOTS}/compare-saved-dark.png`, fullPage: true });
  // A real 404 status, not a 200 carrying the not-found page (Chromium logs the 404 itself).
  consoleErrors().allow(/status of 404/);
  expect((await page.goto("/compare/999999"))?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
});
