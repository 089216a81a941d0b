// Property-based fuzzing (fast-check) of every route in the table (lib/testing/api-routes.ts):
// hostile path ids, query strings, JSON and non-JSON bodies, content types, Last-Event-ID and
// Authorization headers. Property: never a 5xx, never a stack trace or internals in the body, and
// every error is JSON {error:{code,message}}. Fixed seed and a bounded number of cases by default;
// a long run: FUZZ_RUNS=500 [FUZZ_SEED=n] npx playwright test e2e/api-fuzz.spec.ts
import fc from "fast-check";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { API_ROUTES, type HttpMethod, type MethodSpec, type RouteSpec } from "../lib/testing/api-routes";
import { adminWithToken, tokenContext } from "./support/api-session";
import { E2E_ADMIN } from "./support/credentials";
import {
  NASTY_NUMBERS,
  NASTY_STRINGS,
  RAW_QUERY_VALUES,
  SAFE_BAD_IDS,
  UNKNOWN_KEYS,
  encodeQueryValue,
  leakIn,
  preview,
} from "./support/hostile-input";
import { RouteFixtures, type RouteCall } from "./support/route-fixtures";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_127);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

let admin: APIRequestContext;
let bearer: APIRequestContext;
let token: string;
let fixtures: RouteFixtures;

test.beforeAll(async () => {
  ({ admin, token } = await adminWithToken(E2E_ADMIN.email, E2E_ADMIN.password, "fuzz"));
  bearer = await tokenContext(token);
  fixtures = new RouteFixtures(admin);
});

test.afterAll(async () => {
  await Promise.all([admin.dispose(), bearer.dispose()]);
});

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom(null, true, false, [], {}),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** The sample body with some fields replaced, dropped or added — or no object at all. */
function bodyArbitrary(sample: Record<string, unknown> | undefined): fc.Arbitrary<{ data: unknown; raw: boolean }> {
  const keys = Object.keys(sample ?? {});
  const mutated = fc
    .record({
      replaced: fc.dictionary(keys.length > 0 ? fc.constantFrom(...keys) : fc.constant("x"), nastyValue, {
        maxKeys: 3,
      }),
      dropped: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      extra: fc.dictionary(fc.constantFrom(...UNKNOWN_KEYS), nastyValue, { maxKeys: 2 }),
    })
    .map(({ replaced, dropped, extra }) => {
      const body: Record<string, unknown> = { ...sample, ...replaced, ...extra };
      for (const key of dropped) delete body[key];
      return { data: body, raw: false };
    });
  const chaos = fc.jsonValue({ maxDepth: 3 }).map((data) => ({ data, raw: false }));
  const raw = fc
    .constantFrom(
      "",
      "{",
      '{"a":',
      "[1,2",
      "null",
      "\u0000",
      "\ufeff{}",
      "x".repeat(2000),
      '{"__proto__":{"admin":true}}',
    )
    .map((data) => ({ data, raw: true }));
  return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: chaos }, { weight: 1, arbitrary: raw });
}

/** The sample query with hostile values, unknown keys and raw (badly encoded) fragments. */
function queryArbitrary(sample: string | undefined): fc.Arbitrary<string> {
  const keys = sample ? [...new URLSearchParams(sample).keys()] : [];
  const pair = fc.oneof(
    fc
      .tuple(fc.constantFrom(...keys, ...UNKNOWN_KEYS), fc.constantFrom(...NASTY_STRINGS))
      .map(([key, value]) => `${encodeQueryValue(key)}=${encodeQueryValue(value)}`),
    fc
      .tuple(fc.constantFrom(...keys, "x"), fc.constantFrom(...RAW_QUERY_VALUES))
      .map(([key, value]) => `${key}=${value}`),
  );
  return fc
    .tuple(fc.boolean(), fc.array(pair, { maxLength: 4 }))
    .map(([keepSample, pairs]) => [...(keepSample && sample ? [sample] : []), ...pairs].join("&"));
}

const headersArbitrary: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    "Content-Type": fc.constantFrom(
      "application/json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json; charset=latin1",
      "",
    ),
    "Last-Event-ID": fc.constantFrom("", "abc", "1:", "999999:0", "1:1:1", "-1:-1", "9".repeat(2000)),
    Authorization: fc.constantFrom(
      "Bearer",
      "Basic YWRtaW46YWRtaW4=",
      "Bearer ' OR '1'='1",
      `Bearer ${"A".repeat(4000)}`,
    ),
    Accept: fc.constantFrom("text/event-stream", "*/*", "application/xml"),
  },
  { requiredKeys: [] },
);

type Input = {
  id: string | null;
  query: string;
  body: { data: unknown; raw: boolean };
  headers: Record<string, string>;
};

function inputArbitrary(route: RouteSpec, spec: MethodSpec): fc.Arbitrary<Input> {
  const hasId = /\{(configuration|conversation|run|token|user)\}/.test(route.path);
  return fc.record({
    id: hasId ? fc.option(fc.constantFrom(...SAFE_BAD_IDS), { freq: 3 }) : fc.constant(null),
    query: queryArbitrary(spec.query),
    body: bodyArbitrary(spec.body),
    headers: headersArbitrary,
  });
}

/** The problem with an answer, or null when it is acceptable. */
function problemWith(status: number, contentType: string, text: string): string | null {
  if (status >= 500) return `status ${status}`;
  const leak = leakIn(text);
  if (leak) return `the body leaks ${leak}`;
  if (status >= 400 && status !== 431) {
    try {
      const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
      if (typeof body.error?.code !== "string" || typeof body.error.message !== "string")
        return "an error without {error:{code,message}}";
    } catch {
      return `a ${status} that is not JSON (${contentType})`;
    }
  }
  return null;
}

async function attempt(call: RouteCall, input: Input): Promise<string | null> {
  let url = call.url;
  if (input.id !== null)
    url = url.replace(
      /\/api\/(configurations|conversations|runs|tokens|users)\/[^/?]+/,
      (_match, collection: string) => `/api/${collection}/${input.id}`,
    );
  if (input.query) url = `${url.split("?")[0]}?${input.query}`;
  const withBody = call.method !== "GET" && call.method !== "DELETE";
  const data = withBody ? (input.body.raw ? String(input.body.data) : JSON.stringify(input.body.data)) : undefined;
  const headers = { ...input.headers };
  if (headers["Content-Type"] === "") delete headers["Content-Type"];
  const response = await bearer.fetch(url, {
    method: call.method,
    headers,
    data,
    failOnStatusCode: false,
    timeout: 30_000,
  });
  const contentType = response.headers()["content-type"] ?? "";
  const text = await response.text();
  const problem = problemWith(
    response.status(),
    contentType,
    contentType.startsWith("text/event-stream")
      ? text
          .split("\n")
          .filter((line) => line.includes('"type":"error"'))
          .join("\n")
      : text,
  );
  return problem
    ? `${call.method} ${preview(url, 200)} ${preview(data ?? "", 200)} headers ${JSON.stringify(headers).slice(0, 200)} → ${problem}`
    : null;
}

for (const route of API_ROUTES) {
  for (const [method, spec] of Object.entries(route.methods) as Array<[HttpMethod, MethodSpec]>) {
    if (spec.access === "next-auth") continue;
    test(`fuzz ${method} ${route.path}: never a 5xx or a leak`, async () => {
      test.setTimeout(180_000);
      const call = await fixtures.call(route, method, spec);
      await fc.assert(
        fc.asyncProperty(inputArbitrary(route, spec), async (input) => {
          const problem = await attempt(call, input);
          expect(problem).toBeNull();
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
}
