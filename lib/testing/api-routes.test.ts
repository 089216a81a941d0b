import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, fileRouteOf } from "@/lib/testing/api-routes";

const APP_DIR = path.join(process.cwd(), "app");
const METHOD_EXPORT =
  /export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|\bas\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|export\s+const\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g;

/** Every app/api/**\/route.ts as `/api/...` (route groups dropped) with the methods it exports. */
function routeFiles(directory = path.join(APP_DIR, "api")): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      for (const [route, methods] of routeFiles(full)) found.set(route, methods);
    } else if (entry.name === "route.ts" || entry.name === "route.tsx") {
      const source = readFileSync(full, "utf8");
      const methods = [...source.matchAll(METHOD_EXPORT)].map((match) => match[1] ?? match[2] ?? match[3] ?? "");
      const segments = path
        .relative(APP_DIR, directory)
        .split(path.sep)
        .filter((segment) => !/^\(.*\)$/.test(segment));
      found.set(`/${segments.join("/")}`, [...new Set(methods)].sort());
    }
  }
  return found;
}

describe("the API route table (lib/testing/api-routes.ts)", () => {
  const files = routeFiles();
  const table = new Map(API_ROUTES.map((route) => [fileRouteOf(route.path), Object.keys(route.methods).sort()]));

  it("finds the route files", () => {
    expect(files.get("/api/stream")).toEqual(["GET", "POST"]);
    expect(files.size).toBeGreaterThan(10);
  });

  it("lists every route file and every method it exports", () => {
    const missing: string[] = [];
    for (const [route, methods] of files) {
      const listed = table.get(route) ?? [];
      for (const method of methods) if (!listed.includes(method)) missing.push(`${method} ${route}`);
    }
    expect(
      missing,
      "add these to API_ROUTES in lib/testing/api-routes.ts, with who may call them and a valid sample",
    ).toEqual([]);
  });

  it("lists nothing that no longer exists", () => {
    const stale: string[] = [];
    for (const [route, methods] of table) {
      const exported = files.get(route) ?? [];
      for (const method of methods) if (!exported.includes(method)) stale.push(`${method} ${route}`);
    }
    expect(stale).toEqual([]);
  });
});
