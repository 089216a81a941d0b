import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { anonymousContext, signedInContext, tokenContext, unique } from "./support/api-session";
import { E2E_ADMIN } from "./support/credentials";

// Walks every route handler on disk, so a new route that forgets authentication fails here.
const PUBLIC_ROUTES = new Set(["/api/health", "/api/setup"]);
const apiRoot = path.join(process.cwd(), "app", "api");

type Route = { path: string; methods: string[] };

function findRoutes(directory: string): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) routes.push(...findRoutes(full));
    else if (entry.name === "route.ts") {
      const source = readFileSync(full, "utf8");
      const methods = [...source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b|as (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1] ?? match[2] ?? "");
      const urlPath = path
        .relative(path.join(process.cwd(), "app"), path.dirname(full))
        .split(path.sep)
        .filter((segment) => !/^\(.*\)$/.test(segment))
        .map((segment) => (segment.startsWith("[...") ? "session" : segment.startsWith("[") ? "1" : segment))
        .join("/");
      routes.push({ path: `/${urlPath}`, methods });
    }
  }
  return routes;
}

const routes = findRoutes(apiRoot).filter((route) => !PUBLIC_ROUTES.has(route.path) && !route.path.startsWith("/api/auth/"));

test("the walk finds the API's routes", () => {
  const paths = routes.map((route) => route.path);
  expect(paths).toEqual(expect.arrayContaining(["/api/configurations", "/api/configurations/1", "/api/tokens", "/api/tokens/1"]));
  expect(routes.every((route) => route.methods.length > 0)).toBe(true);
});

const credentialsCases: Array<{ name: string; headers: Record<string, string> }> = [
  { name: "no credentials", headers: {} },
  { name: "a forged session cookie", headers: { Cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged" } },
  { name: "an unknown bearer token", headers: { Authorization: "Bearer llmm_not-a-real-token" } },
  { name: "a malformed authorization header", headers: { Authorization: "Basic YWRtaW46YWRtaW4=" } },
];

for (const credentials of credentialsCases) {
  test(`every protected route answers 401 JSON with ${credentials.name}`, async () => {
    const context = await anonymousContext(credentials.headers);
    for (const route of routes) {
      for (const method of route.methods) {
        const response = await context.fetch(route.path, { method, data: method === "GET" || method === "DELETE" ? undefined : {} });
        expect(response.status(), `${method} ${route.path}`).toBe(401);
        const body = (await response.json()) as { error?: { code?: string; message?: string } };
        expect(body.error?.code, `${method} ${route.path}`).toBe("unauthorized");
        expect(JSON.stringify(body)).not.toMatch(/\bat \w+ \(|node_modules/);
      }
    }
    await context.dispose();
  });
}

test("a revoked API token is refused everywhere at once", async () => {
  const admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
  const created = (await (await admin.post("/api/tokens", { data: { name: unique("revoked") } })).json()) as { token: string; apiToken: { id: number } };
  const bearer = await tokenContext(created.token);
  expect((await bearer.get("/api/configurations")).status()).toBe(200);
  expect((await admin.delete(`/api/tokens/${created.apiToken.id}`)).status()).toBe(200);
  for (const route of routes) {
    const method = route.methods[0] ?? "GET";
    expect((await bearer.fetch(route.path, { method })).status(), `${method} ${route.path}`).toBe(401);
  }
  await Promise.all([admin.dispose(), bearer.dispose()]);
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
