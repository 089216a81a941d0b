import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { anonymousContext, csrfAnswer, signedInContext, tokenContext, unique } from "./support/api-session";
import { signInThroughForm } from "./support/browser-session";
import { expectCleanConsole } from "./support/console-errors";
import { E2E_ADMIN } from "./support/credentials";
import { readAnswer, readError } from "./support/api";
import { createdTokenAnswerSchema } from "../lib/contracts/tokens";
import { auditPageSchema } from "../lib/contracts/audit";
import { userAnswerSchema } from "../lib/contracts/users";

// The review's M8 steps against the real server: a session ends on the server when it should, so
// a copy of its cookie stops working too (API 401, page sent to sign-in).

const SESSION_COOKIE = "next-auth.session-token";
const PASSWORD = "session-password-1";
let admin: APIRequestContext;
expectCleanConsole();

test.beforeAll(async () => {
  admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
});

test.afterAll(async () => {
  await admin.dispose();
});

async function newUser(role: "viewer" | "admin" = "viewer"): Promise<{ id: number; email: string }> {
  const email = `${unique(`session-${role}`)}@example.test`;
  const response = await admin.post("/api/users", { data: { email, password: PASSWORD, role } });
  expect(response.status()).toBe(201);
  return { id: (await readAnswer(response, userAnswerSchema)).user.id, email };
}

/** An anonymous context that sends a copy of `context`'s session cookie: what a thief would hold. */
async function copiedCookie(context: { storageState: APIRequestContext["storageState"] }): Promise<APIRequestContext> {
  const cookie = (await context.storageState()).cookies.find((candidate) => candidate.name === SESSION_COOKIE);
  if (!cookie) throw new Error("no session cookie");
  return anonymousContext({ Cookie: `${SESSION_COOKIE}=${cookie.value}` });
}

/** The API status and where the home page leads, for a context's cookie. */
async function access(context: APIRequestContext): Promise<{ api: number; page: string }> {
  const api = (await context.get("/api/configurations")).status();
  const page = await context.get("/", { maxRedirects: 0 });
  const location = page.headers().location;
  return { api, page: page.status() === 200 ? "/" : new URL(location ?? "/?", "http://x").pathname };
}

const SIGNED_IN = { api: 200, page: "/" };
const ENDED = { api: 401, page: "/login" };

async function signOutThroughNextAuth(context: APIRequestContext): Promise<void> {
  const { csrfToken } = await readAnswer(await context.get("/api/auth/csrf"), csrfAnswer);
  const response = await context.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  expect(response.status()).toBe(200);
}

async function browserSignedIn(browser: Browser, email: string, viewport?: { width: number; height: number }) {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  await signInThroughForm(page, email, PASSWORD);
  return { context, page };
}

test("M8 step 3: an admin resets a password, and the user's old cookie stops working at once", async () => {
  const user = await newUser();
  const victim = await signedInContext(user.email, PASSWORD);
  const stolen = await copiedCookie(victim);
  expect(await access(stolen)).toEqual(SIGNED_IN);
  expect((await admin.patch(`/api/users/${user.id}`, { data: { password: "reset-by-admin-1" } })).status()).toBe(200);
  expect(await access(stolen)).toEqual(ENDED);
  expect(await access(victim)).toEqual(ENDED);
  // The new password signs in.
  const again = await signedInContext(user.email, "reset-by-admin-1");
  expect(await access(again)).toEqual(SIGNED_IN);
  await Promise.all([victim.dispose(), stolen.dispose(), again.dispose()]);
});

test("M8 step 4: after signing out in the browser, a copy of the cookie is refused", async ({ browser }) => {
  const user = await newUser();
  const { context, page } = await browserSignedIn(browser, user.email);
  const stolen = await copiedCookie(context);
  expect(await access(stolen)).toEqual(SIGNED_IN);
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  expect(await access(stolen)).toEqual(ENDED);
  await Promise.all([stolen.dispose(), context.close()]);
});

test("next-auth's own sign-out endpoint ends the session on the server, and only that one", async () => {
  const user = await newUser();
  const first = await signedInContext(user.email, PASSWORD);
  const second = await signedInContext(user.email, PASSWORD);
  const copy = await copiedCookie(first);
  await signOutThroughNextAuth(first);
  expect(await access(copy)).toEqual(ENDED);
  expect(await access(second)).toEqual(SIGNED_IN);
  await Promise.all([first.dispose(), second.dispose(), copy.dispose()]);
});

test("M8 steps 5 and 6: after deactivation and re-activation the old cookie stays dead; a fresh sign-in works", async () => {
  const user = await newUser();
  const before = await signedInContext(user.email, PASSWORD);
  const stolen = await copiedCookie(before);
  expect((await admin.patch(`/api/users/${user.id}`, { data: { active: false } })).status()).toBe(200);
  expect(await access(stolen)).toEqual(ENDED);
  expect((await admin.patch(`/api/users/${user.id}`, { data: { active: true } })).status()).toBe(200);
  expect(await access(stolen)).toEqual(ENDED);
  expect(await access(before)).toEqual(ENDED);
  const fresh = await signedInContext(user.email, PASSWORD);
  expect(await access(fresh)).toEqual(SIGNED_IN);
  await Promise.all([before.dispose(), stolen.dispose(), fresh.dispose()]);
});

test("sign out everywhere from the user menu ends every session of the user; a fresh sign-in works", async ({
  browser,
}) => {
  const user = await newUser();
  const { context, page } = await browserSignedIn(browser, user.email);
  const laptop = await signedInContext(user.email, PASSWORD);
  const phone = await signedInContext(user.email, PASSWORD);
  const bystander = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
  const stolen = await copiedCookie(context);

  // The header's button; the menu's copy (for phones) is hidden at this width.
  const button = page.getByTestId("sign-out-everywhere").filter({ visible: true });
  await button.click();
  await page.getByTestId("sign-out-everywhere-cancel").click();
  expect(await access(stolen)).toEqual(SIGNED_IN);
  await button.click();
  await page.getByTestId("sign-out-everywhere-confirm").click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  for (const ended of [stolen, laptop, phone]) expect(await access(ended)).toEqual(ENDED);
  expect(await access(bystander)).toEqual(SIGNED_IN);

  const fresh = await signedInContext(user.email, PASSWORD);
  expect(await access(fresh)).toEqual(SIGNED_IN);
  const audit = await readAnswer(
    await admin.get(`/api/audit?entityType=user&entityId=${user.id}&action=sign_out_everywhere`),
    auditPageSchema,
  );
  expect(audit.entries.map((entry) => entry.actorLabel)).toEqual([user.email]);
  await Promise.all([
    laptop.dispose(),
    phone.dispose(),
    bystander.dispose(),
    stolen.dispose(),
    fresh.dispose(),
    context.close(),
  ]);
});

test("an admin signs another user out everywhere from the users page; a viewer may not sign others out", async ({
  page,
}) => {
  const user = await newUser();
  const other = await newUser();
  const theirs = await signedInContext(user.email, PASSWORD);
  const viewer = await signedInContext(other.email, PASSWORD);
  expect((await viewer.delete(`/api/users/${user.id}/sessions`)).status()).toBe(403);
  expect(await access(theirs)).toEqual(SIGNED_IN);

  await signInThroughForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/users");
  const row = page.locator(`[data-testid="user-row"][data-email="${user.email}"]`);
  await row.getByTestId("user-sign-out").click();
  await row.getByTestId("user-sign-out-confirm").click();
  await expect(
    page.getByTestId("toast").filter({ hasText: `${user.email} is signed out everywhere (1 session ended)` }),
  ).toBeVisible();
  expect(await access(theirs)).toEqual(ENDED);
  // The admin's own session is untouched.
  await page.reload();
  await expect(page).toHaveURL((url) => url.pathname === "/users");
  await Promise.all([theirs.dispose(), viewer.dispose()]);
});

test("your own password: the current one is needed, other sessions end, this one stays; never through a token", async () => {
  const user = await newUser("admin");
  const here = await signedInContext(user.email, PASSWORD);
  const elsewhere = await signedInContext(user.email, PASSWORD);

  const missing = await here.patch(`/api/users/${user.id}`, { data: { password: "changed-by-me-1" } });
  expect(missing.status()).toBe(400);
  expect((await readError(missing)).error.issues?.[0]?.path).toBe("currentPassword");
  const wrong = await here.patch(`/api/users/${user.id}`, {
    data: { password: "changed-by-me-1", currentPassword: "not-my-password" },
  });
  expect(wrong.status()).toBe(400);
  expect(await access(elsewhere)).toEqual(SIGNED_IN);

  const created = await readAnswer(
    await here.post("/api/tokens", { data: { name: unique("self-token") } }),
    createdTokenAnswerSchema,
  );
  const bearer = await tokenContext(created.token);
  const byToken = await bearer.patch(`/api/users/${user.id}`, {
    data: { password: "changed-by-token-1", currentPassword: PASSWORD },
  });
  expect(byToken.status()).toBe(403);
  expect((await readError(byToken)).error.message).toMatch(/cannot be changed with an API token/);
  // An admin's token cannot reset someone else's password either (L4).
  expect(
    (await bearer.patch(`/api/users/${(await newUser()).id}`, { data: { password: "changed-by-token-2" } })).status(),
  ).toBe(403);

  expect(
    (
      await here.patch(`/api/users/${user.id}`, { data: { password: "changed-by-me-1", currentPassword: PASSWORD } })
    ).status(),
  ).toBe(200);
  expect(await access(here)).toEqual(SIGNED_IN);
  expect(await access(elsewhere)).toEqual(ENDED);
  await Promise.all([here.dispose(), elsewhere.dispose(), bearer.dispose()]);
});

test("on a phone, sign out everywhere is in the menu and ends the other sessions too", async ({ browser }) => {
  const user = await newUser();
  const { context, page } = await browserSignedIn(browser, user.email, { width: 390, height: 844 });
  const laptop = await signedInContext(user.email, PASSWORD);
  await expect(page.getByTestId("sign-out-everywhere").filter({ visible: true })).toHaveCount(0);
  // The header fits the phone: the page does not scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.getByTestId("nav-menu-button").click();
  await page.getByTestId("sign-out-everywhere").filter({ visible: true }).click();
  await page.getByTestId("sign-out-everywhere-confirm").click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  expect(await access(laptop)).toEqual(ENDED);
  await context.close();
  await laptop.dispose();
});
