import type { Browser, Page } from "@playwright/test";
import { auditPageSchema } from "../lib/contracts/audit";
import { userAnswerSchema } from "../lib/contracts/users";
import { readAnswer, readError } from "./support/api";
import { anonymousContext, tokenContext, unique } from "./support/api-session";
import { signInThroughForm, submitSignInForm } from "./support/browser-session";
import { expectCleanConsole, SCREENSHOTS, trackConsoleErrors, type ConsoleErrors } from "./support/console-errors";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./support/credentials";
import { expect, test } from "./support/fixtures";

// Users, API tokens and the audit log in a real Chromium, as an admin and as a viewer.

const ADMIN_LINKS = ["Users", "API tokens", "Audit log"];
const consoleErrors = expectCleanConsole();

test.beforeEach(async ({ page }) => {
  await signInThroughForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
});

async function signedInPage(
  browser: Browser,
  email: string,
  password: string,
): Promise<{ page: Page; browserConsole: ConsoleErrors; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const browserConsole = trackConsoleErrors(page);
  await signInThroughForm(page, email, password);
  return { page, browserConsole, close: () => context.close() };
}

function userRow(page: Page, email: string) {
  return page.locator(`[data-testid="user-row"][data-email="${email}"]`);
}

test("an admin adds a viewer, changes their role and deactivates them; the viewer sees no admin page", async ({
  page,
  browser,
}) => {
  const email = `${unique("viewer")}@example.test`;
  const password = "viewer-password-e2e";
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expect(page.getByTestId("create-user-submit")).toBeEnabled();

  // A short password is caught before anything is sent.
  await page.getByTestId("new-user-email").fill(email);
  await page.getByTestId("new-user-password").fill("short");
  await page.getByTestId("create-user-submit").click();
  await expect(page.getByTestId("new-user-password-error")).toContainText("at least 10 characters");
  await expect(page.getByTestId("new-user-password")).toBeFocused();

  await page.getByTestId("new-user-password").fill(password);
  await page.getByTestId("create-user-submit").click();
  await expect(page.getByTestId("toast").filter({ hasText: `Created ${email} as a viewer` })).toBeVisible();
  const row = userRow(page, email);
  await expect(row.getByTestId("user-role")).toHaveValue("viewer");
  await expect(row.getByTestId("user-status")).toHaveText("Active");
  await expect(page.getByTestId("new-user-email")).toHaveValue("");
  // The same email twice is refused with the server's message on the field.
  await page.getByTestId("new-user-email").fill(email.toUpperCase());
  await page.getByTestId("new-user-password").fill(password);
  await page.getByTestId("create-user-submit").click();
  await expect(page.getByTestId("new-user-email-error")).toContainText("already exists");
  // The browser logs the refused request itself; that 400 is the answer this step expects.
  await expect.poll(() => consoleErrors().errors).toEqual([expect.stringContaining("status of 400")]);
  consoleErrors().allow(/status of 400/);
  // Your own row cannot be demoted or deactivated.
  const own = userRow(page, ADMIN_EMAIL);
  await expect(own.getByTestId("user-role")).toBeDisabled();
  await expect(own.getByTestId("user-toggle-active")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/users.png`, fullPage: true });

  // The viewer: no admin links, a 403 panel (and HTTP status) on each admin page, 403 from each admin API.
  const viewer = await signedInPage(browser, email, password);
  viewer.browserConsole.allow(/status of 403/);
  await expect(viewer.page.getByTestId("current-user-role")).toContainText("Viewer");
  for (const name of ADMIN_LINKS) await expect(viewer.page.getByRole("link", { name })).toHaveCount(0);
  for (const path of ["/users", "/tokens", "/audit"]) {
    expect((await viewer.page.goto(path))?.status(), path).toBe(403);
    await expect(viewer.page.getByTestId("forbidden")).toContainText("Administrators only");
    await expect(viewer.page.getByTestId("user-table")).toHaveCount(0);
  }
  await viewer.page.screenshot({ path: `${SCREENSHOTS}/viewer-forbidden.png` });
  for (const path of ["/api/users", "/api/tokens", "/api/audit"]) {
    const response = await viewer.page.request.get(path);
    expect(response.status(), path).toBe(403);
    expect((await readError(response)).error.code).toBe("forbidden");
  }
  // With the app's Origin, so the role check is what refuses it (not the CSRF check).
  const viewerPost = await viewer.page.request.post("/api/tokens", {
    data: { name: "mine" },
    headers: { Origin: new URL(viewer.page.url()).origin },
  });
  expect(viewerPost.status()).toBe(403);
  expect((await readError(viewerPost)).error.message).toMatch(/Only administrators/);

  // Promoted, the same session sees the admin pages on its next request; demoted, it does not.
  await row.getByTestId("user-role").selectOption("admin");
  await expect(page.getByTestId("toast").filter({ hasText: `${email} is now an administrator` })).toBeVisible();
  await page.reload();
  await expect(userRow(page, email).getByTestId("user-role")).toHaveValue("admin");
  expect((await viewer.page.goto("/users"))?.status()).toBe(200);
  await expect(viewer.page.getByTestId("user-table")).toBeVisible();
  await userRow(page, email).getByTestId("user-role").selectOption("viewer");
  await expect(page.getByTestId("toast").filter({ hasText: `${email} is now a viewer` })).toBeVisible();
  expect((await viewer.page.goto("/users"))?.status()).toBe(403);
  await expect(viewer.page.getByTestId("forbidden")).toBeVisible();

  // Deactivated: the open session ends, and signing in again is refused.
  await userRow(page, email).getByTestId("user-toggle-active").click();
  await expect(userRow(page, email).getByTestId("user-status")).toHaveText("Deactivated");
  await expect(userRow(page, email).getByTestId("user-toggle-active")).toHaveText("Reactivate");
  await viewer.page.goto("/");
  await expect(viewer.page).toHaveURL((url) => url.pathname === "/login");
  await submitSignInForm(viewer.page, email, password);
  await expect(viewer.page.getByTestId("sign-in-error")).toHaveText("Invalid email or password.");
  viewer.browserConsole.allow(/401/);
  expect(viewer.browserConsole.errors).toEqual([]);
  await viewer.close();
});

test("a token is shown once with a copy button, works as Bearer, and stops working when revoked in the UI", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = unique("ui-token");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByTestId("create-token-submit")).toBeEnabled();
  await page.getByTestId("new-token-name").fill(name);
  // 90 days unless chosen otherwise; the token acts as whoever creates it (no "acts as" choice).
  await expect(page.getByTestId("new-token-expires")).toHaveValue("90");
  await expect(page.getByTestId("new-token-user")).toHaveCount(0);
  await page.getByTestId("new-token-expires").selectOption("30");
  await page.getByTestId("new-token-scope").selectOption("read");
  await page.getByTestId("create-token-submit").click();

  const value = (await page.getByTestId("new-token-value").textContent())?.trim() ?? "";
  expect(value).toMatch(/^llmm_[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByRole("heading", { name: `Your new token “${name}”` })).toBeFocused();
  await page.getByTestId("new-token-copy").click();
  await expect(page.getByTestId("new-token-copy")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
  await page.screenshot({ path: `${SCREENSHOTS}/token-created.png`, fullPage: true });

  const bearer = await tokenContext(value);
  expect((await bearer.get("/api/configurations")).status()).toBe(200);
  // Read only: any change or run is refused.
  const change = await bearer.post("/api/tokens", { data: { name: unique("nested") } });
  expect(change.status()).toBe(403);
  expect((await readError(change)).error.message).toMatch(/read-only/);

  // Once dismissed, or after a reload, the value is nowhere on the page.
  await page.getByTestId("new-token-done").click();
  await expect(page.getByTestId("new-token-panel")).toHaveCount(0);
  await page.reload();
  const row = page.getByTestId("token-row").filter({ hasText: name });
  await expect(row.getByTestId("token-status")).toHaveText("Active");
  await expect(row.getByTestId("token-scope")).toHaveText("Read only");
  await expect(row).toContainText(ADMIN_EMAIL);
  expect(await page.content()).not.toContain(value);

  await row.getByTestId("token-revoke").click();
  await row.getByTestId("token-revoke-cancel").click();
  await expect(row.getByTestId("token-status")).toHaveText("Active");
  await row.getByTestId("token-revoke").click();
  await row.getByTestId("token-revoke-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: `Revoked “${name}”` })).toBeVisible();
  await expect(row.getByTestId("token-status")).toHaveText("Revoked");
  await expect(row.getByTestId("token-revoke")).toHaveCount(0);
  expect((await bearer.get("/api/configurations")).status()).toBe(401);
  await bearer.dispose();
});

test.describe("audit log", () => {
  test.use({ locale: "de-DE", timezoneId: "Europe/Berlin" });

  test("shows user changes readably, filters by entity, action, actor and date, and pages", async ({ page, admin }) => {
    const email = `${unique("audited")}@example.test`;
    const created = await admin.post("/api/users", { data: { email, password: "audited-password-1" } });
    expect(created.status()).toBe(201);
    const { user } = await readAnswer(created, userAnswerSchema);
    expect((await admin.patch(`/api/users/${user.id}`, { data: { role: "admin" } })).status()).toBe(200);
    // 26 renames: with the create and the role change, 28 entries — two pages of 25.
    for (let index = 1; index <= 26; index += 1) {
      expect((await admin.patch(`/api/users/${user.id}`, { data: { name: `Name ${index}` } })).status()).toBe(200);
    }
    const logged = await readAnswer(await admin.get(`/api/audit?entityType=user&entityId=${user.id}`), auditPageSchema);
    expect(logged.total).toBe(28);

    await page.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    await page.getByTestId("audit-entity-type").selectOption("user");
    await page.getByTestId("audit-entity-id").fill(String(user.id));
    await page.getByTestId("audit-apply").click();
    await expect(page).toHaveURL((url) => url.searchParams.get("entityId") === String(user.id));
    await expect(page.getByTestId("audit-summary")).toHaveText("Showing 1–25 of 28");
    await expect(page.getByTestId("audit-row")).toHaveCount(25);
    await expect(page.getByTestId("audit-row").first()).toContainText("name:Name 25→Name 26");
    // Timestamps in the reader's locale and time zone (de-DE: 27.11.2026, 15:04:05).
    await expect(page.getByTestId("audit-row").first().locator("time")).toHaveText(
      /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}$/,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/audit.png`, fullPage: true });

    await page.getByTestId("audit-older").click();
    await expect(page.getByTestId("audit-summary")).toHaveText("Showing 26–28 of 28");
    await expect(page.getByTestId("audit-page")).toHaveText("Page 2 of 2");
    const roleChange = page
      .locator('[data-testid="audit-row"][data-action="user.update"]')
      .filter({ hasText: "role:" });
    await expect(roleChange).toContainText("viewer→admin");
    await expect(roleChange).toContainText(ADMIN_EMAIL);
    await expect(page.getByTestId("audit-row").last()).toHaveAttribute("data-action", "user.create");
    // The page is in the URL: a reload shows the same view.
    await page.reload();
    await expect(page.getByTestId("audit-summary")).toHaveText("Showing 26–28 of 28");

    await page.getByTestId("audit-action").selectOption("user.create");
    await page.getByTestId("audit-apply").click();
    await expect(page.getByTestId("audit-summary")).toHaveText("Showing 1–1 of 1");
    await expect(page.getByTestId("audit-changes")).toContainText(email);

    await page.getByTestId("audit-actor").fill("nobody-by-this-name");
    await page.getByTestId("audit-apply").click();
    await expect(page.getByTestId("audit-empty")).toContainText("No entries match these filters");
    await page.getByTestId("audit-actor").fill(ADMIN_EMAIL.slice(0, 5).toUpperCase());
    await page.getByTestId("audit-action").selectOption("");
    // The reader's (Berlin) days the entries were written on, and the day after the last of them:
    // "today" read now is a day later than the entries when midnight passed since they were written.
    const days = await page.evaluate(
      (instants) => {
        const local = instants.map((instant) => new Date(instant)).sort((a, b) => a.getTime() - b.getTime());
        const first = local[0] ?? new Date(NaN);
        const last = local[local.length - 1] ?? new Date(NaN);
        const dayAfter = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
        return {
          first: first.toLocaleDateString("sv-SE"),
          last: last.toLocaleDateString("sv-SE"),
          after: dayAfter.toLocaleDateString("sv-SE"),
        };
      },
      logged.entries.map((entry) => entry.createdAt),
    );
    await page.getByTestId("audit-from").fill(days.first);
    await page.getByTestId("audit-to").fill(days.last);
    await page.getByTestId("audit-apply").click();
    await expect(page.getByTestId("audit-summary")).toHaveText("Showing 1–25 of 28");
    await page.getByTestId("audit-from").fill(days.after);
    await page.getByTestId("audit-to").fill(days.after);
    await page.getByTestId("audit-apply").click();
    await expect(page.getByTestId("audit-empty")).toBeVisible();

    await page.getByTestId("audit-clear").click();
    await expect(page).toHaveURL((url) => url.search === "");
    await expect(page.getByTestId("audit-entity-id")).toHaveValue("");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
  });

  test("bad filters sent to the API get a 400 that says what is wrong", async ({ admin }) => {
    for (const query of ["from=yesterday", "page=0", "action=DROP%20TABLE", "from=2026-11-27&to=2026-11-01"]) {
      const response = await admin.get(`/api/audit?${query}`);
      expect(response.status(), query).toBe(400);
      expect((await readError(response)).error.code).toBe("invalid_params");
    }
    const anonymous = await anonymousContext();
    expect((await anonymous.get("/api/audit")).status()).toBe(401);
    await anonymous.dispose();
  });
});
