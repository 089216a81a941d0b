import { expect, type Page } from "@playwright/test";

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

/** Collects the page's console errors and uncaught exceptions; `allow` lists ones a test expects. */
export function trackConsoleErrors(page: Page): { errors: string[]; allow: (pattern: RegExp) => void } {
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !allowed.some((pattern) => pattern.test(message.text()))) errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return { errors, allow: (pattern) => allowed.push(pattern) };
}
