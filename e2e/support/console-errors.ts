import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

export const SCREENSHOTS = "e2e/screenshots";

export type ConsoleErrors = {
  /** The errors so far, less the allowed ones. */
  readonly errors: string[];
  /** Allows errors a test provokes on purpose (Chromium logs every non-2xx fetch), before or after they happen. */
  allow: (pattern: RegExp) => void;
};

/** Collects the page's console errors and uncaught exceptions as they happen. */
export function trackConsoleErrors(page: Page): ConsoleErrors {
  const seen: string[] = [];
  const allowed: RegExp[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") seen.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => seen.push(`pageerror: ${error.message}`));
  return {
    get errors() {
      return seen.filter((error) => !allowed.some((pattern) => pattern.test(error)));
    },
    allow: (pattern) => void allowed.push(pattern),
  };
}

/**
 * Registers the spec's hooks: the screenshots folder, and every test's page must end with no console
 * error it did not allow. Call it before the spec's own beforeEach; it returns the current test's collector.
 */
export function expectCleanConsole(): () => ConsoleErrors {
  let current: ConsoleErrors | null = null;
  test.beforeAll(() => {
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  test.beforeEach(({ page }) => {
    current = trackConsoleErrors(page);
  });
  test.afterEach(() => {
    expect(current?.errors, "browser console errors").toEqual([]);
  });
  return () => {
    if (!current) throw new Error("expectCleanConsole: no test is running");
    return current;
  };
}
