import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = process.env.E2E_PORT ?? "3100";
// The test server's NEXTAUTH_SECRET, shared with the workers so the auth matrix can mint an expired session.
process.env.E2E_NEXTAUTH_SECRET ??= randomBytes(32).toString("base64");
// E2E_BASE_URL points the specs at an already running app instead of starting one.
const externalBaseUrl = process.env.E2E_BASE_URL;
const baseURL = externalBaseUrl ?? `http://127.0.0.1:${port}`;

// CHROMIUM_PATH, else Debian's Chromium, else Playwright's own browser (developer laptops).
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Playwright's default 30 s per test left little room: the longest UI flows take 17–25 s on a
  // normally loaded 2-core run (CI shares its machine). A budget, not a timed assertion.
  timeout: 60_000,
  // Auto-waiting assertions return as soon as they hold; 5 s (the default) was too short for a
  // signed-in client navigation to a dynamic page on a loaded machine (the URL changed after 5.x s).
  expect: { timeout: 15_000 },
  workers: process.env.CI ? 1 : undefined,
  reporter: [["list"], ["json", { outputFile: ".test-reports/playwright.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: externalBaseUrl
    ? undefined
    : {
        // A fresh database and the production app (built by the launcher when needed).
        command: "node e2e/support/start-test-server.mjs",
        url: `${baseURL}/api/health`,
        env: { E2E_PORT: port },
        timeout: 5 * 60_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      },
});
