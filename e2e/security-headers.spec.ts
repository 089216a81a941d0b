// Security headers (review L2, I7): on pages signed out and in, on API answers of every kind
// (JSON, 4xx, SSE, files), a per-request script nonce the page's scripts carry, no framing by a
// same-site page, and no CSP violation anywhere while the app is used.
import { expect, test, type APIResponse } from "@playwright/test";
import { startAttackerPage } from "./support/attacker-page";
import {
  BASE_URL,
  adminWithToken,
  anonymousContext,
  signedInContext,
  tokenContext,
  unique,
} from "./support/api-session";
import { signInThroughForm } from "./support/browser-session";
import { expectCleanConsole } from "./support/console-errors";
import { E2E_ADMIN } from "./support/credentials";
import { simulatedConfiguration } from "./support/stream-fixtures";

const APP = new URL(BASE_URL).origin;

function expectCommonHeaders(response: APIResponse, what: string): void {
  const headers = response.headers();
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["cross-origin-opener-policy"], what).toBe("same-origin");
  expect(headers["strict-transport-security"], `${what}: no HSTS over plain HTTP`).toBeUndefined();
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
}

/** A page's nonce, after checking its policy and that every script of the HTML carries it. */
async function expectPageHeaders(response: APIResponse, what: string): Promise<string> {
  expectCommonHeaders(response, what);
  const policy = response.headers()["content-security-policy"] ?? "";
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'(?:;|$)/.exec(policy)?.[1];
  expect(nonce, `${what}: ${policy}`).toBeTruthy();
  for (const directive of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "style-src 'self'"])
    expect(policy, what).toContain(directive);
  expect(policy, what).not.toContain("unsafe-inline");
  if ((response.headers()["content-type"] ?? "").startsWith("text/html")) {
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, `${what}: scripts`).toBeGreaterThan(0);
    expect(
      scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`)),
      `${what}: scripts without the nonce`,
    ).toEqual([]);
  }
  return nonce ?? "";
}

test("pages signed out and signed in carry the headers and a fresh nonce on every script; /loginx goes through the proxy", async () => {
  const anonymous = await anonymousContext();
  const admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
  const nonces = new Set<string>();
  for (const path of ["/login", "/login?callbackUrl=%2Fplayground"]) {
    const response = await anonymous.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    nonces.add(await expectPageHeaders(response, `signed out ${path}`));
  }
  for (const path of ["/", "/conversations", "/setup", "/loginx", "/setup-admin"]) {
    const response = await anonymous.get(path, { maxRedirects: 0 });
    expect([302, 307], path).toContain(response.status());
    expect(new URL(response.headers().location ?? "", APP).pathname, `${path} leads to sign-in`).toBe("/login");
    expectCommonHeaders(response, `signed out ${path}`);
  }
  for (const path of ["/", "/playground", "/conversations", "/configurations", "/audit", "/no-such-page"]) {
    const response = await admin.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(path === "/no-such-page" ? 404 : 200);
    nonces.add(await expectPageHeaders(response, `signed in ${path}`));
  }
  expect(nonces.size, "a new nonce each time").toBe(8);

  // The browser's own icon request: a relative redirect, never to the bind address (I7).
  const favicon = await anonymous.get("/favicon.ico", { maxRedirects: 0 });
  expect(favicon.status()).toBe(308);
  expect(favicon.headers().location).toBe("/icon.svg");
  expectCommonHeaders(favicon, "/favicon.ico");
  expectCommonHeaders(await anonymous.get("/icon.svg"), "/icon.svg");

  // HSTS once the app is reached over HTTPS (a TLS proxy says so).
  expect(
    (await anonymous.get("/login", { headers: { "X-Forwarded-Proto": "https" } })).headers()[
      "strict-transport-security"
    ],
  ).toBe("max-age=31536000");
  await Promise.all([anonymous.dispose(), admin.dispose()]);
});

test("API answers carry the headers: JSON, 401/403/404, event streams, exports", async () => {
  const { admin, token } = await adminWithToken(E2E_ADMIN.email, E2E_ADMIN.password, "headers");
  const anonymous = await anonymousContext();
  const bearer = await tokenContext(token);
  const configuration = await simulatedConfiguration(admin, { provider: "openai" });
  const expectApi = (response: APIResponse, status: number, what: string): void => {
    expect(response.status(), what).toBe(status);
    expectCommonHeaders(response, what);
    expect(response.headers()["content-security-policy"], what).toContain("default-src 'none'");
  };
  expectApi(await anonymous.get("/api/health"), 200, "health");
  expectApi(await anonymous.get("/api/conversations"), 401, "401");
  expectApi(
    await admin.post("/api/conversations", {
      data: { configuration: configuration.slug },
      headers: { Origin: "http://evil.example" },
    }),
    403,
    "403",
  );
  expectApi(await admin.get("/api/conversations/999999999"), 404, "404");
  expectApi(await admin.get("/api/x/%zz"), 400, "undecodable path");
  const stream = await bearer.post("/api/stream", { data: { configuration: configuration.slug, prompt: "headers" } });
  expectApi(stream, 200, "event stream");
  expect(stream.headers()["content-type"]).toContain("text/event-stream");
  const body = await stream.text();
  expect(body).toContain('"type":"done"');
  const conversationId = Number(/"conversationId":(\d+)/.exec(body)?.[1]);
  const exported = await admin.get(`/api/conversations/${conversationId}/export?format=md`);
  expectApi(exported, 200, "export");
  expect(exported.headers()["content-disposition"]).toContain("attachment");
  expect(
    (await anonymous.get("/api/health", { headers: { "X-Forwarded-Proto": "https" } })).headers()[
      "strict-transport-security"
    ],
  ).toBe("max-age=31536000");
  await Promise.all([admin.dispose(), anonymous.dispose(), bearer.dispose()]);
});

test("a same-site page cannot frame the signed-in app (frame-ancestors)", async ({ page, context }) => {
  await signInThroughForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const attacker = await startAttackerPage(
    `<!doctype html><title>framer</title><iframe id="app" src="${APP}/conversations"></iframe><iframe id="login" src="${APP}/login"></iframe>`,
  );
  try {
    const framer = await context.newPage();
    const refusals: string[] = [];
    framer.on("console", (message) => {
      if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
    });
    const framed = framer.waitForResponse((response) => response.url() === `${APP}/conversations`);
    await framer.goto(attacker.url);
    expect((await framed).status(), "the page itself answered").toBe(200);
    await expect.poll(() => refusals.length, { message: "Chromium refused both frames under frame-ancestors" }).toBe(2);
    for (const frame of framer.frames().filter((candidate) => candidate !== framer.mainFrame())) {
      expect(frame.url(), "the frame shows the browser's error page, not the app").not.toContain(APP);
    }
    await framer.close();
  } finally {
    await attacker.close();
  }
});

test.describe("using the app", () => {
  const consoleErrors = expectCleanConsole();

  test("no CSP violation on any page while signing in, streaming in the playground and browsing; the nonce'd theme script runs", async ({
    page,
  }) => {
    // Eleven page loads on a shared 2-core machine: a budget, not a timed assertion.
    test.setTimeout(240_000);
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.defineProperty(window, "__cspViolations", { value: seen });
      document.addEventListener("securitypolicyviolation", (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const violations = () =>
      page.evaluate(() => {
        const seen: unknown = Reflect.get(window, "__cspViolations");
        return Array.isArray(seen) ? seen.map(String) : ["no listener"];
      });
    await page.goto("/login");
    expect(await violations()).toEqual([]);
    await signInThroughForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect(page.locator("html")).toHaveAttribute("data-theme", /^(system|light|dark)$/);

    const admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
    const configuration = await simulatedConfiguration(admin, { provider: "openai" });
    await admin.dispose();
    await page.goto(`/playground?configuration=${configuration.slug}`);
    await expect(page.getByTestId("send-button")).toBeEnabled();
    await page.getByTestId("prompt-input").fill(unique("CSP check"));
    await page.getByTestId("prompt-input").press("Enter");
    await expect(page.getByTestId("status-bar")).toHaveAttribute("data-phase", "done", { timeout: 20_000 });
    expect(await violations(), "/playground").toEqual([]);

    for (const path of [
      "/",
      "/conversations",
      "/configurations",
      `/configurations/${configuration.slug}`,
      "/compare",
      "/audit",
      "/users",
      "/tokens",
    ]) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      expect(await violations(), path).toEqual([]);
    }
    expect(consoleErrors().errors).toEqual([]);
  });
});
