// The auth matrix: every route of the table (lib/testing/api-routes.ts) × {anonymous, viewer,
// admin by session and by API token, read-only API token, revoked or unknown API token, Basic
// credentials, forged, expired, deactivated or session-less cookie} → the expected status; cookie-borne changes from another
// site are refused; pages send anonymous visitors to sign-in.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { API_ROUTES, type HttpMethod, type MethodSpec } from "../lib/testing/api-routes";
import { anonymousContext, signedInContext, tokenContext, unique } from "./support/api-session";
import { E2E_ADMIN } from "./support/credentials";
import { leakIn } from "./support/hostile-input";
import { RouteFixtures, send } from "./support/route-fixtures";
import { readAnswer } from "./support/api";
import { createdTokenAnswerSchema } from "../lib/contracts/tokens";
import { userAnswerSchema } from "../lib/contracts/users";

type Caller = {
  label: string;
  role: "nobody" | "viewer" | "admin" | "read-only admin";
  context: () => APIRequestContext;
};

const SESSION_COOKIE = "next-auth.session-token";
const PASSWORD = "correct horse battery staple";
const contexts = new Map<string, APIRequestContext>();
let admin: APIRequestContext;
let fixtures: RouteFixtures;

async function sessionCookie(context: APIRequestContext): Promise<string> {
  const cookie = (await context.storageState()).cookies.find((candidate) => candidate.name === SESSION_COOKIE);
  if (!cookie) throw new Error("no session cookie");
  return `${SESSION_COOKIE}=${cookie.value}`;
}

async function signedInUser(
  role: "viewer" | "admin",
): Promise<{ id: number; email: string; context: APIRequestContext }> {
  const email = `${unique(`matrix-${role}`)}@example.test`;
  const response = await admin.post("/api/users", { data: { email, password: PASSWORD, role } });
  const { user } = await readAnswer(response, userAnswerSchema);
  return { id: user.id, email, context: await signedInContext(email, PASSWORD) };
}

test.beforeAll(async () => {
  admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
  fixtures = new RouteFixtures(admin);
  const secret = process.env.E2E_NEXTAUTH_SECRET;
  if (!secret) throw new Error("E2E_NEXTAUTH_SECRET is set by playwright.config.ts");
  const adminUser = await signedInUser("admin");
  const viewer = await signedInUser("viewer");
  const tokenBody = await readAnswer(
    await admin.post("/api/tokens", { data: { name: unique("matrix") } }),
    createdTokenAnswerSchema,
  );
  const readOnly = await readAnswer(
    await admin.post("/api/tokens", { data: { name: unique("matrix-read"), scope: "read" } }),
    createdTokenAnswerSchema,
  );
  const revoked = await readAnswer(
    await admin.post("/api/tokens", { data: { name: unique("matrix-revoked") } }),
    createdTokenAnswerSchema,
  );
  expect((await admin.delete(`/api/tokens/${revoked.apiToken.id}`)).status()).toBe(200);
  // A session that was valid until its user was deactivated.
  const deactivated = await signedInUser("admin");
  const deactivatedCookie = await sessionCookie(deactivated.context);
  expect((await admin.patch(`/api/users/${deactivated.id}`, { data: { active: false } })).status()).toBe(200);
  const claims = { sub: String(adminUser.id), email: adminUser.email, name: null };
  const expired = await encode({ token: claims, secret, maxAge: -60 });
  const forged = await encode({ token: claims, secret: `${secret}-not-the-server's`, maxAge: 3600 });
  // Signed with the server's secret, but naming no session the server keeps: refused all the same.
  const sessionless = await encode({ token: claims, secret, maxAge: 3600 });
  const unknownSession = await encode({ token: { ...claims, sid: "no-such-session" }, secret, maxAge: 3600 });

  contexts.set("admin (session)", adminUser.context);
  contexts.set("admin (API token)", await tokenContext(tokenBody.token));
  contexts.set("read-only API token", await tokenContext(readOnly.token));
  contexts.set("viewer (session)", viewer.context);
  contexts.set("anonymous", await anonymousContext());
  contexts.set("revoked API token", await tokenContext(revoked.token));
  contexts.set("expired session cookie", await anonymousContext({ Cookie: `${SESSION_COOKIE}=${expired}` }));
  contexts.set("forged session cookie", await anonymousContext({ Cookie: `${SESSION_COOKIE}=${forged}` }));
  contexts.set("deactivated user's session cookie", await anonymousContext({ Cookie: deactivatedCookie }));
  contexts.set(
    "signed cookie without a session",
    await anonymousContext({ Cookie: `${SESSION_COOKIE}=${sessionless}` }),
  );
  contexts.set(
    "signed cookie naming an unknown session",
    await anonymousContext({ Cookie: `${SESSION_COOKIE}=${unknownSession}` }),
  );
  contexts.set("unknown API token", await tokenContext("llmm_not-a-real-token"));
  contexts.set(
    "Basic authorization",
    await anonymousContext({
      Authorization: `Basic ${Buffer.from(`${E2E_ADMIN.email}:${E2E_ADMIN.password}`).toString("base64")}`,
    }),
  );
  await deactivated.context.dispose();
});

test.afterAll(async () => {
  await Promise.all([...contexts.values(), admin].map((context) => context.dispose()));
});

const CALLERS: readonly Caller[] = [
  ["admin (session)", "admin"],
  ["admin (API token)", "admin"],
  ["read-only API token", "read-only admin"],
  ["viewer (session)", "viewer"],
  ["anonymous", "nobody"],
  ["revoked API token", "nobody"],
  ["expired session cookie", "nobody"],
  ["forged session cookie", "nobody"],
  ["deactivated user's session cookie", "nobody"],
  ["signed cookie without a session", "nobody"],
  ["signed cookie naming an unknown session", "nobody"],
  ["unknown API token", "nobody"],
  ["Basic authorization", "nobody"],
].map(([label, role]) => ({
  label: label as string,
  role: role as Caller["role"],
  context: () => {
    const context = contexts.get(label as string);
    if (!context) throw new Error(`no context for ${label}`);
    return context;
  },
}));

function expectedStatus(path: string, spec: MethodSpec, role: Caller["role"]): "2xx" | 401 | 403 | 404 {
  if (spec.access === "public") return path === "/api/setup" ? 403 : "2xx";
  if (role === "nobody") return 401;
  // The `change` flag of the table is the one list of what a read-only token may not do.
  if (role === "read-only admin" && spec.change) return 403;
  if ((spec.access === "admin" || spec.access === "owner-or-admin") && role === "viewer") return 403;
  // The admin's record, to a viewer: as if it did not exist.
  if (spec.access === "owner-or-admin-hidden" && role === "viewer") return 404;
  return "2xx";
}

const ERROR_CODES = { 401: "unauthorized", 403: "forbidden", 404: "not_found" } as const;

const CALLS = API_ROUTES.flatMap((route) =>
  (Object.entries(route.methods) as Array<[HttpMethod, MethodSpec]>)
    .filter(([, spec]) => spec.access !== "next-auth")
    .map(([method, spec]) => ({ route, method, spec })),
);

for (const caller of CALLERS) {
  test(`auth matrix: ${caller.label}`, async () => {
    test.setTimeout(120_000);
    const failures: string[] = [];
    for (const { route, method, spec } of CALLS) {
      const call = await fixtures.call(route, method, spec);
      const { status, text } = await send(caller.context(), call);
      const expected = expectedStatus(route.path, spec, caller.role);
      const ok = expected === "2xx" ? status >= 200 && status < 300 : status === expected;
      if (!ok) failures.push(`${call.label} → ${status}, expected ${expected}: ${text.slice(0, 160)}`);
      if (expected !== "2xx" && status === expected) {
        const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
        if (code !== ERROR_CODES[expected]) failures.push(`${call.label}: error code ${code}`);
      }
      const leak = leakIn(text);
      if (leak) failures.push(`${call.label}: the body leaks ${leak}`);
    }
    expect(failures).toEqual([]);
  });
}

// Same-site (an <img> or no-cors fetch from another port of the host) and a request naming no
// origin at all were let through before (review M1); the full header matrix is in csrf.spec.ts.
const CROSS_SITE: ReadonlyArray<Record<string, string>> = [
  { Origin: "https://evil.example" },
  { "Sec-Fetch-Site": "cross-site" },
  { Origin: "null" },
  { "Sec-Fetch-Site": "same-site" },
  {},
];

test("cross-site changes riding on the session cookie are refused; the same change with an API token is not a CSRF risk and passes", async () => {
  test.setTimeout(240_000);
  const adminSession = contexts.get("admin (session)");
  const adminToken = contexts.get("admin (API token)");
  if (!adminSession || !adminToken) throw new Error("contexts missing");
  const cookie = await sessionCookie(adminSession);
  const failures: string[] = [];
  for (const { route, method, spec } of CALLS.filter((entry) => entry.spec.change && entry.spec.access !== "public")) {
    for (const headers of CROSS_SITE) {
      const call = await fixtures.call(route, method, { ...spec, destructive: true });
      const anonymous = contexts.get("anonymous");
      if (!anonymous) throw new Error("no anonymous context");
      const { status, text } = await send(anonymous, call, { Cookie: cookie, ...headers });
      if (status !== 403 || !text.includes('"forbidden"'))
        failures.push(`${call.label} with ${JSON.stringify(headers)} → ${status}`);
    }
  }
  expect(failures).toEqual([]);
  // A bearer token is never sent by a browser on its own: another Origin does not matter.
  const call = await fixtures.call({ path: "/api/tokens", methods: {} }, "POST", {
    access: "admin",
    body: { name: "cross-origin token" },
  });
  expect((await send(adminToken, call, { Origin: "https://evil.example" })).status).toBe(201);
});

test("pages redirect anonymous visitors to sign-in, health stays public", async () => {
  const context = await anonymousContext();
  const page = await context.get("/", { maxRedirects: 0 });
  expect([302, 307]).toContain(page.status());
  expect(page.headers().location).toMatch(/\/login/);
  const health = await context.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", database: "ok" });
  await context.dispose();
});
