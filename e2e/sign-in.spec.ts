import { expect, test, type Page } from "@playwright/test";
import { submitSignInForm } from "./support/browser-session";
import { demoConfigurations } from "../lib/boot/demo-configurations";
import { ADMIN_EMAIL, ADMIN_PASSWORD, SIMULATOR_KEY } from "./support/credentials";

// A secret key standing on its own (OpenAI "sk-...", Anthropic "sk-ant-...", OpenRouter "sk-or-...").
// Not inside a word or slug: other specs create slugs like "crud-mi3xsk-abcde" on the same dashboard.
const KEY_LIKE = /(?<![\w-])sk-[A-Za-z0-9_-]{12,}/;
// The keys this stack's configurations were really created with.
const SEEDED_KEYS = [
  ...demoConfigurations().flatMap((configuration) => (configuration.apiKey ? [configuration.apiKey] : [])),
  SIMULATOR_KEY,
];

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await submitSignInForm(page, email, password);
}

test("an anonymous visit to the home page is sent to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("configuration-card")).toHaveCount(0);
});

test("a wrong password is refused with a message that reveals nothing", async ({ page }) => {
  await signIn(page, ADMIN_EMAIL, `${ADMIN_PASSWORD}-wrong`);
  await expect(page.getByTestId("sign-in-error")).toHaveText("Invalid email or password.");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByTestId("sign-in-password")).toBeFocused();
});

test("signing in shows the active configurations with masked keys, and signing out ends the session", async ({
  page,
}) => {
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByTestId("current-user-role")).toContainText("Admin");

  const cards = page.getByTestId("configuration-card");
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThan(0);
  // The seeds carry keys: they appear only as "key •••• last4", never as the key itself.
  await expect(page.getByTestId("configuration-key").filter({ hasText: "••••" }).first()).toBeVisible();
  const html = await page.content();
  for (const key of SEEDED_KEYS) expect(html).not.toContain(key);
  expect(html).not.toMatch(KEY_LIKE);

  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await page.goto("/");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
});

test("the sign-in form works with the keyboard alone", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByTestId("sign-in-submit")).toBeEnabled();
  await expect(page.getByTestId("sign-in-email")).toBeFocused();
  await page.keyboard.type(ADMIN_EMAIL);
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("sign-in-password")).toBeFocused();
  await page.keyboard.type(ADMIN_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByTestId("configuration-card").first()).toBeVisible();

  // On a freshly loaded page the skip link is the first stop and moves focus to the content.
  await page.reload();
  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "Skip to content" });
  await expect(skipLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

test("after sign-in a same-site callbackUrl is followed", async ({ page }) => {
  await page.goto("/login?callbackUrl=%2F%3Ffrom%3De2e");
  await submitSignInForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL((url) => url.pathname === "/" && url.searchParams.get("from") === "e2e");
});

test("after sign-in another site's callbackUrl is ignored", async ({ page }) => {
  await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await submitSignInForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL((url) => url.origin !== "https://evil.example" && url.pathname === "/");
});

test("after sign-in a dot-segment callbackUrl that normalises to another host is not followed (M9)", async ({
  page,
  baseURL,
}) => {
  // Had the redirect escaped, Chromium would ask for evil.example: answered here, nothing leaves.
  const escaped: string[] = [];
  await page.route(
    (url) => url.hostname.endsWith("evil.example"),
    async (route) => {
      escaped.push(route.request().url());
      await route.fulfill({ status: 200, contentType: "text/html", body: "<h1>attacker open-redirect</h1>" });
    },
  );
  await page.goto("/login?callbackUrl=/.//evil.example:4912/phish");
  await submitSignInForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL((url) => url.origin === new URL(baseURL ?? "").origin && url.pathname === "/");
  await expect(page.getByTestId("current-user-role")).toBeVisible();
  expect(escaped).toEqual([]);
});
