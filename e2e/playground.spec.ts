import { expect, test, type Page } from "@playwright/test";
import { conversationAnswerSchema } from "../lib/contracts/conversations";
import { replyText, thinkingText } from "../lib/simulator/reply";
import { readAnswer } from "./support/api";
import { signInThroughForm } from "./support/browser-session";
import { expectCleanConsole, SCREENSHOTS } from "./support/console-errors";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./support/credentials";
import { recordWhile } from "./support/page-samples";
import { waitForSimulator } from "./support/simulator-control";
import { configurationOnSimulator } from "./support/stream-fixtures";

// The playground in a real Chromium against the app and the provider simulator: the reply and
// its numbers must move while it streams, Stop must reach the provider, and nothing may log an
// error in the browser console.

const TTFT = /^\d+ ms$|^\d+\.\d\d s$/;
const RATE = /^\d+\.\d$/;

expectCleanConsole();

test.beforeEach(async ({ page }) => {
  await signInThroughForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
});

async function openPlayground(page: Page, key: string | number): Promise<void> {
  await page.goto(`/playground?configuration=${encodeURIComponent(String(key))}`);
  // Enabled once hydrated: a key pressed earlier would be lost.
  await expect(page.getByTestId("send-button")).toBeEnabled();
}

async function sendPrompt(page: Page, prompt: string): Promise<void> {
  await page.getByTestId("prompt-input").fill(prompt);
  await page.getByTestId("prompt-input").press("Enter");
}

async function outputLength(page: Page): Promise<number> {
  return page.getByTestId("run-output").evaluate((element) => element.textContent?.length ?? 0);
}

test("a prompt streams into the page with live numbers, then shows the provider's count", async ({ page }) => {
  const configuration = await configurationOnSimulator({ provider: "openai", scenario: "slow" });
  await openPlayground(page, configuration.slug);
  await expect(page.getByTestId("selected-configuration")).toHaveAttribute("data-slug", configuration.slug);
  await expect(page.getByTestId("run-status")).toContainText("Ready");

  const prompt = "Tell me how streaming works";
  await page.getByTestId("prompt-input").fill(prompt);
  // Shift+Enter adds a line instead of sending.
  await page.getByTestId("prompt-input").press("Shift+Enter");
  await expect(page.getByTestId("prompt-input")).toHaveValue(`${prompt}\n`);
  await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "idle");
  await page.getByTestId("prompt-input").press("Backspace");
  // Every state the page shows while it streams, recorded by the page: a read-and-sleep loop here
  // got one sample before the 3-s stream ended on a loaded machine.
  const streamed = await recordWhile(page, '[data-testid="status-bar"][data-phase="streaming"]', {
    output: '[data-testid="run-output"]',
    tokens: '[data-testid="status-tokens"]',
    counter: '[data-testid="status-token-counter"]',
  });
  await page.getByTestId("prompt-input").press("Enter");

  const bar = page.getByTestId("status-bar");
  await expect(bar).toHaveAttribute("data-phase", "streaming");
  await expect.poll(() => outputLength(page)).toBeGreaterThan(0);
  const barBox = await bar.boundingBox();
  await page.screenshot({ path: `${SCREENSHOTS}/playground-streaming.png` });
  await expect(page.getByTestId("status-ttft")).toHaveText(TTFT);
  await expect(page.getByTestId("status-tps")).toHaveText(RATE);
  await expect(page.getByTestId("status-elapsed")).toHaveText(/^\d+\.\d s$/);
  // The status bar keeps its place and size while the reply grows.
  expect(await bar.boundingBox()).toEqual(barBox);

  await expect(bar).toHaveAttribute("data-phase", "done", { timeout: 20_000 });
  // While streaming: the text grows and the counter takes several values, all estimates.
  const samples = (await streamed()).filter((sample) => (sample.output ?? "").length > 0);
  const lengths = samples.map((sample) => (sample.output ?? "").length);
  expect(lengths.length).toBeGreaterThanOrEqual(3);
  expect(lengths.every((length, index) => length >= (lengths[index - 1] ?? 0))).toBe(true);
  expect(lengths[lengths.length - 1]).toBeGreaterThan(lengths[0] ?? 0);
  expect(new Set(samples.map((sample) => sample.tokens)).size).toBeGreaterThanOrEqual(3);
  for (const sample of samples) expect(sample.counter).toContain("≈");
  await expect(page.getByTestId("status-token-source")).toHaveText("provider");
  await expect(page.getByTestId("status-token-counter")).not.toContainText("≈");
  await expect(page.getByTestId("status-tokens")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("status-ttft")).toHaveText(TTFT);
  await expect(page.getByTestId("status-tps")).toHaveText(RATE);
  expect(Number(await page.getByTestId("status-sparkline").getAttribute("data-points"))).toBeGreaterThan(3);
  await expect(page.getByTestId("run-output")).toHaveText(replyText(prompt));
  await expect(page.getByTestId("run-usage")).toContainText("reported by the provider");

  const saved = page.getByTestId("run-saved");
  await expect(saved).toHaveText(/^Saved as conversation #\d+$/);
  const conversationId = Number(/#(\d+)/.exec((await saved.textContent()) ?? "")?.[1]);
  const stored = await readAnswer(
    await page.request.get(`/api/conversations/${conversationId}`),
    conversationAnswerSchema,
  );
  expect(stored.conversation.messages.map((message) => [message.role, message.status])).toEqual([
    ["user", "complete"],
    ["assistant", "complete"],
  ]);
  expect(stored.conversation.messages[1]?.content).toBe(replyText(prompt));
  await page.screenshot({ path: `${SCREENSHOTS}/playground-done.png`, fullPage: true });
});

test("Esc mid-stream stops the run, cancels the provider request and keeps the partial reply", async ({ page }) => {
  const configuration = await configurationOnSimulator({ provider: "openai", scenario: "slow-80" });
  await page.emulateMedia({ colorScheme: "dark" });
  await openPlayground(page, configuration.id);
  const prompt = "Please stop me halfway";
  await sendPrompt(page, prompt);
  await expect.poll(() => outputLength(page)).toBeGreaterThan(15);
  await page.keyboard.press("Escape");

  await expect(page.getByTestId("run-status")).toHaveText("Stopped — provider request cancelled");
  const [request] = await waitForSimulator(
    configuration.tag,
    (requests) => requests[0]?.clientDisconnected === true,
    3000,
  );
  expect(request?.completed).toBe(false);
  const partial = (await page.getByTestId("run-output").textContent()) ?? "";
  expect(partial.length).toBeGreaterThan(15);
  expect(partial.length).toBeLessThan(replyText(prompt).length);
  expect(replyText(prompt).startsWith(partial)).toBe(true);
  await expect(page.getByTestId("run-usage")).toContainText("The partial reply and this usage were saved.");
  await expect(page.getByTestId("run-saved")).toHaveText(/^Saved as conversation #\d+$/);
  await expect(page.getByTestId("stop-button")).toBeDisabled();
  await expect(page.getByTestId("send-button")).toBeEnabled();
  await expect(page.getByTestId("prompt-input")).toBeFocused();
  await page.screenshot({ path: `${SCREENSHOTS}/playground-stopped-dark.png`, fullPage: true });
});

test("the Stop button stops a run too", async ({ page }) => {
  const configuration = await configurationOnSimulator({ provider: "local", scenario: "slow-80" });
  await openPlayground(page, configuration.slug);
  await sendPrompt(page, "Stop with the button");
  await expect.poll(() => outputLength(page)).toBeGreaterThan(5);
  await page.getByTestId("stop-button").click();
  await expect(page.getByTestId("run-status")).toHaveText("Stopped — provider request cancelled");
  await waitForSimulator(configuration.tag, (requests) => requests[0]?.clientDisconnected === true, 3000);
});

test("reasoning streams into its own collapsible thinking panel", async ({ page }) => {
  const configuration = await configurationOnSimulator({ provider: "anthropic", scenario: "reasoning" });
  await openPlayground(page, configuration.slug);
  await expect(page.getByTestId("param-thinkingBudget")).toBeVisible();
  await expect(page.getByTestId("param-reasoningEffort")).toHaveCount(0);
  const prompt = "Think before answering";
  await sendPrompt(page, prompt);

  await expect(page.getByTestId("thinking-text")).toHaveText(thinkingText(prompt), { timeout: 20_000 });
  await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "done", { timeout: 20_000 });
  await expect(page.getByTestId("run-output")).toHaveText(replyText(prompt));
  // The answer never contains the reasoning.
  await expect(page.getByTestId("run-output")).not.toContainText("Let me think");
  await page.screenshot({ path: `${SCREENSHOTS}/playground-thinking.png`, fullPage: true });

  await page.getByTestId("thinking-toggle").click();
  await expect(page.getByTestId("thinking-toggle")).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("thinking-text")).toBeHidden();
  await page.getByTestId("thinking-toggle").click();
  await expect(page.getByTestId("thinking-text")).toBeVisible();
});

test("Gemini thinks into the thinking panel once a budget is set, and reports its usage", async ({ page }) => {
  const configuration = await configurationOnSimulator({ provider: "gemini" });
  await openPlayground(page, configuration.slug);
  // A budget style provider: the budget field, no effort select.
  await expect(page.getByTestId("param-reasoningEffort")).toHaveCount(0);
  await page.getByTestId("param-thinkingBudget").fill("1024");
  const prompt = "Think about rivers";
  await sendPrompt(page, prompt);

  await expect(page.getByTestId("thinking-text")).toHaveText(thinkingText(prompt), { timeout: 20_000 });
  await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "done", { timeout: 20_000 });
  await expect(page.getByTestId("run-output")).toHaveText(replyText(prompt));
  await expect(page.getByTestId("run-usage")).toContainText("reported by the provider");
  const [request] = await waitForSimulator(configuration.tag, (requests) => requests[0]?.completed === true);
  expect(request?.path).toMatch(/^\/gemini\/v1beta\/models\/gemini-2\.5-flash:streamGenerateContent$/);
  expect(request?.body).toMatchObject({
    generationConfig: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } },
  });
  await page.screenshot({ path: `${SCREENSHOTS}/playground-gemini-thinking.png`, fullPage: true });
});

test("an upstream 401 shows the server's plain-language message and where to fix it", async ({ page }) => {
  const configuration = await configurationOnSimulator({ provider: "anthropic", scenario: "http-401" });
  await openPlayground(page, configuration.slug);
  await sendPrompt(page, "Will this work?");

  const error = page.getByTestId("run-error");
  await expect(error).toBeVisible();
  await expect(page.getByTestId("run-error-message")).toHaveText(
    "Anthropic refused the API key (401). Edit the configuration's API key.",
  );
  await expect(error).not.toContainText("{");
  await expect(page.getByTestId("run-error-link")).toHaveAttribute("href", `/configurations/${configuration.id}`);
  await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "failed");
  await expect(page.getByTestId("status-tokens")).toHaveText("—");
  await page.screenshot({ path: `${SCREENSHOTS}/playground-error.png`, fullPage: true });
});

test("an upstream 429 shows the rate-limit message with the provider's retry-after", async ({ page }) => {
  const configuration = await configurationOnSimulator({ provider: "openai", scenario: "http-429" });
  await openPlayground(page, configuration.slug);
  await sendPrompt(page, "Too many?");

  const error = page.getByTestId("run-error");
  await expect(error).toHaveAttribute("data-code", "rate_limited");
  // The simulator answers 429 with Retry-After: 7.
  await expect(page.getByTestId("run-error-message")).toHaveText(
    "OpenAI is rate-limiting requests (429). Try again in 7 s.",
  );
  await expect(error).not.toContainText("{");
  await expect(page.getByTestId("run-error-link")).toHaveText("Check the configuration");
  await expect(page.getByTestId("run-error-link")).toHaveAttribute("href", `/configurations/${configuration.id}`);
  await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "failed");
  // One request: the adapter does not retry behind the user's back.
  const requests = await waitForSimulator(configuration.tag, (seen) => seen.length > 0);
  expect(requests).toHaveLength(1);
  await page.screenshot({ path: `${SCREENSHOTS}/playground-rate-limited.png`, fullPage: true });
});

test("parameters are checked with the server's rules before anything is sent", async ({ page }) => {
  const configuration = await configurationOnSimulator({ provider: "openrouter" });
  await openPlayground(page, configuration.slug);
  await page.getByTestId("param-temperature").fill("7");
  await page.getByTestId("param-temperature").blur();
  await expect(page.getByTestId("param-temperature-error")).toHaveText("Temperature must be between 0 and 2.");
  await sendPrompt(page, "Not yet");
  await expect(page.getByTestId("param-temperature")).toBeFocused();
  await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "idle");

  await page.getByTestId("param-temperature").fill("0.4");
  await page.getByTestId("param-reasoningEffort").selectOption("high");
  await page.getByTestId("param-stop").fill("never-appears");
  await page.getByTestId("prompt-input").press("Enter");
  await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "done", { timeout: 20_000 });
  const [request] = await waitForSimulator(configuration.tag, (requests) => requests[0]?.completed === true);
  expect(request?.body).toMatchObject({ temperature: 0.4, stop: ["never-appears"] });
  // Asked to reason, the simulator reasons: the panel appears without a scenario.
  await expect(page.getByTestId("thinking-text")).not.toBeEmpty();
});

test("a home card opens its configuration in the playground", async ({ page }) => {
  const configuration = await configurationOnSimulator({ provider: "local" });
  await page.goto("/");
  const card = page.locator(`[data-testid="configuration-card"][data-slug="${configuration.slug}"]`);
  await page.screenshot({ path: `${SCREENSHOTS}/home-cards.png` });
  await card.getByTestId("open-in-playground").click();
  await expect(page).toHaveURL(
    (url) => url.pathname === "/playground" && url.searchParams.get("configuration") === String(configuration.id),
  );
  await expect(page.getByTestId("selected-configuration")).toHaveAttribute("data-slug", configuration.slug);
  await expect(page.getByRole("link", { name: "Playground", exact: true })).toHaveAttribute("aria-current", "page");

  // A narrow screen folds the parameters away, so the prompt is near the top.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("prompt-input")).toBeInViewport();
  await expect(page.getByTestId("param-temperature")).toBeHidden();
  await page.getByTestId("params-toggle").click();
  await expect(page.getByTestId("param-temperature")).toBeVisible();
  await page.getByTestId("params-toggle").click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/playground-mobile.png`, fullPage: true });
});
