import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signInThroughForm } from "./browser-session";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./credentials";

export const SCREENSHOTS = "e2e/screenshots";

/** Collects the page's console errors and uncaught exceptions; the spec asserts the list is empty. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** Registers the spec's hooks: each test starts signed in as the admin and must end with no browser console error. */
export function signedInAdminWithCleanConsole(): void {
  let errors: string[] = [];
  test.beforeAll(() => {
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  test.beforeEach(async ({ page }) => {
    errors = collectConsoleErrors(page);
    await signInThroughForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  test.afterEach(() => {
    expect(errors, "browser console errors").toEqual([]);
  });
}
