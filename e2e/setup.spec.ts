import { expect, test } from "@playwright/test";
import { freePort } from "../lib/testing/free-port";
import { expectCleanConsole, SCREENSHOTS } from "./support/console-errors";
import { startOwnStack, type OwnStack } from "./support/own-stack";
import { readError } from "./support/api";

test("the set-up page is closed once a user exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByTestId("setup-form")).toHaveCount(0);
  await expect(page.getByTestId("sign-in-form")).toBeVisible();
});

// A stack of its own on a fresh database with no user at all (the suite's server always has its admin).
test.describe("on an empty database", () => {
  const EMAIL = "first-admin@example.test";
  const PASSWORD = "first-admin-password";
  let stack: OwnStack | undefined;
  let app = "";
  let setupCode = "";

  test.describe.configure({ mode: "serial" });
  const consoleErrors = expectCleanConsole();

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    // Free ports unless set: fixed ones clashed with another checkout's suite on the same machine.
    stack = await startOwnStack({
      STACK_PORTS: process.env.E2E_SETUP_PORT ?? String(await freePort()),
      STACK_SIMULATOR_PORT: process.env.E2E_SETUP_SIMULATOR_PORT ?? "0",
      STACK_WITHOUT_ADMIN: "1",
    });
    app = stack.apps[0] ?? "";
    // The stack listens beyond loopback (DATABASE_URL, no HOST), so its launcher printed a code.
    setupCode = stack.setupCode ?? "";
    expect(setupCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  test("without the console's one-time code nobody becomes admin, and a wrong code is refused before anything is created", async () => {
    const attempt = (body: Record<string, unknown>) =>
      fetch(`${app}/api/setup`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: "intruder@example.test", password: PASSWORD, ...body }),
      });
    for (const body of [{}, { setupCode: "AAAA-BBBB-CCCC-DDDD-EEEE" }, { setupCode: setupCode.slice(0, -1) }]) {
      const refused = await attempt(body);
      expect(refused.status).toBe(403);
      expect((await readError(refused)).error.issues?.[0]?.path).toBe("setupCode");
    }
    expect((await fetch(`${app}/setup`, { redirect: "manual" })).status, "still open: no user was created").toBe(200);
  });

  test("the first visit leads to set-up, which checks its fields and the code, creates the admin and signs in; then it closes", async ({
    page,
  }) => {
    await page.goto(`${app}/`);
    await expect(page).toHaveURL((url) => url.pathname === "/setup");
    await expect(page.getByRole("heading", { name: "Create the first administrator" })).toBeVisible();
    await expect(page.getByTestId("setup-submit")).toBeEnabled();

    // Nothing is sent while a field is wrong; the first wrong field takes the focus.
    await page.getByTestId("setup-submit").click();
    await expect(page.getByTestId("setup-setupCode-error")).toHaveText(
      "Enter the set-up code from the server's console.",
    );
    await expect(page.getByTestId("setup-setupCode")).toBeFocused();
    await expect(page.getByTestId("setup-email-error")).toHaveText("Enter an email address.");
    // A wrong code goes to the server, which refuses it on the code's field (Chromium logs the 403).
    consoleErrors().allow(/403/);
    await page.getByTestId("setup-setupCode").fill("WRNG-CODE-WRNG-CODE-WRNG");
    await page.getByTestId("setup-email").fill(EMAIL);
    await page.getByTestId("setup-password").fill("short");
    await page.getByTestId("setup-confirm").fill("different");
    await page.getByTestId("setup-submit").click();
    await expect(page.getByTestId("setup-password-error")).toContainText("at least 10 characters");
    await expect(page.getByTestId("setup-confirm-error")).toHaveText("The passwords do not match.");
    await expect(page.getByTestId("setup-password")).toBeFocused();
    await page.screenshot({ path: `${SCREENSHOTS}/setup-invalid.png`, fullPage: true });
    expect(
      (await page.request.get(`${app}/setup`, { maxRedirects: 0 })).status(),
      "still open: no user was created",
    ).toBe(200);

    await page.getByTestId("setup-password").fill(PASSWORD);
    await page.getByTestId("setup-confirm").fill(PASSWORD);
    await page.getByTestId("setup-submit").click();
    await expect(page.getByTestId("setup-setupCode-error")).toContainText("That set-up code is not right");
    await expect(page.getByTestId("setup-setupCode")).toBeFocused();
    // Typed as a person would: lower case is fine.
    await page.getByTestId("setup-setupCode").fill(setupCode.toLowerCase());
    await page.getByTestId("setup-submit").click();
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(page.getByTestId("current-user-role")).toContainText("Admin");
    await expect(page.getByTestId("current-user-email")).toContainText(EMAIL);
    await page.screenshot({ path: `${SCREENSHOTS}/setup-done-dashboard.png`, fullPage: true });

    // Closed for good: the page sends everyone to sign-in, the API refuses a second admin.
    const anonymous = await fetch(`${app}/setup`, { redirect: "manual" });
    expect(anonymous.status).toBe(307);
    expect(new URL(anonymous.headers.get("location") ?? "", app).pathname).toBe("/login");
    const again = await fetch(`${app}/api/setup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "second@example.test", password: PASSWORD, setupCode }),
    });
    expect(again.status).toBe(403);
    expect((await readError(again)).error.code).toBe("forbidden");
    // Refused before the body is read: not valid JSON, still 403 (not 400).
    const unread = await fetch(`${app}/api/setup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{ not json",
    });
    expect(unread.status).toBe(403);
    await page.goto(`${app}/setup`);
    await expect(page).not.toHaveURL((url) => url.pathname === "/setup");
    await expect(page.getByTestId("setup-form")).toHaveCount(0);
  });
});
