import { expect, test, type Page } from "@playwright/test";
import { expectCleanConsole, type ConsoleErrors } from "./console-errors";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./credentials";

/** Fills and sends the sign-in form on the current page, once the form is interactive. */
export async function submitSignInForm(page: Page, email: string, password: string): Promise<void> {
  // The submit button is enabled once the form is interactive; typing earlier could be lost.
  await expect(page.getByTestId("sign-in-submit")).toBeEnabled();
  await page.getByTestId("sign-in-email").fill(email);
  await page.getByTestId("sign-in-password").fill(password);
  await page.getByTestId("sign-in-submit").click();
}

/** Signs in through the real form and waits for the home page. */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await submitSignInForm(page, email, password);
  await expect(page).toHaveURL((url) => url.pathname === "/");
}

/** Registers the spec's hooks: each test starts signed in as the admin and must end with no browser console error. */
export function signedInAdminWithCleanConsole(): () => ConsoleErrors {
  const consoleErrors = expectCleanConsole();
  test.beforeEach(async ({ page }) => {
    await signInThroughForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  return consoleErrors;
}
