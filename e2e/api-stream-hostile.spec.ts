// Hostile input against the streaming endpoints: ~300 seeded, reproducible requests (malformed
// query strings, bodies, ids, Last-Event-ID and Authorization headers). None may answer 5xx or
// leak a stack trace; errors are JSON `{error:{code,message}}`; a 200 is an event stream.
// Replay: HOSTILE_SEED=<seed> [HOSTILE_CASE=<n>,<m>] npx playwright test e2e/api-stream-hostile.spec.ts
import { expect, test, type APIRequestContext } from "@playwright/test";
import { MAX_HEADER_BYTES } from "../lib/boot/http-limits";
import { BASE_URL, signedInContext } from "./support/api-session";
import { savedConversation } from "./support/conversation-seed";
import { E2E_ADMIN } from "./support/credentials";
import {
  BAD_IDS,
  HUGE,
  NASTY_NUMBERS,
  NASTY_STRINGS,
  RAW_QUERY_VALUES,
  Rng,
  SAFE_BAD_IDS,
  UNKNOWN_KEYS,
  encodeQueryValue,
  leakIn,
  preview,
} from "./support/hostile-input";
import { readEvents } from "./support/sse-client";
import { simulatedConfiguration } from "./support/stream-fixtures";
import { readAnswer } from "./support/api";
import { createdTokenAnswerSchema } from "../lib/contracts/tokens";
import { conversationAnswerSchema } from "../lib/contracts/conversations";

const SEED = Number(process.env.HOSTILE_SEED ?? 20_261_124);
const ONLY = new Set((process.env.HOSTILE_CASE ?? "").split(",").filter(Boolean).map(Number));
const RANDOM_CASES = 210;
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 15_000;
const FIRST_EVENT_TIMEOUT_MS = 5_000;
// Node refuses a request line plus headers over its limit (64 KiB, set by lib/boot/start.ts) with a bodiless 431 before the app sees it.
const NODE_HEADER_LIMIT = MAX_HEADER_BYTES;
// 415: a body that is not sent as application/json.
const ALLOWED = new Set([200, 204, 400, 401, 403, 404, 409, 413, 415]);

// A request body: text, or bytes that are not valid UTF-8.
type RawBody = string | Uint8Array<ArrayBuffer>;

type Fixtures = {
  token: string;
  slug: string;
  configurationId: number;
  conversationId: number;
  finishedRunId: string;
  promptMessageId: number;
  sessionCookie: string;
};

type Auth = { label: string; headers: (fixtures: Fixtures) => Record<string, string>; expect: "ok" | 401 | 403 };

type HostileCase = {
  index: number;
  target: "stream" | "turn" | "stop";
  method: "GET" | "POST";
  path: (fixtures: Fixtures) => string;
  body?: (fixtures: Fixtures) => RawBody;
  contentType?: string;
  lastEventId?: (fixtures: Fixtures) => string;
  auth: Auth;
  note: string;
};

type Outcome = { status: number; contentType: string | null; text: string; firstEvent?: string };

const AUTHS: readonly Auth[] = [
  { label: "Bearer <token>", headers: ({ token }) => ({ Authorization: `Bearer ${token}` }), expect: "ok" },
  {
    label: "bearer <token> (lower case, extra spaces)",
    headers: ({ token }) => ({ Authorization: `bearer    ${token}  ` }),
    expect: "ok",
  },
  {
    label: "session cookie, the app's own Origin",
    headers: ({ sessionCookie }) => ({ Cookie: sessionCookie, Origin: new URL(BASE_URL).origin }),
    expect: "ok",
  },
  { label: "no Authorization", headers: () => ({}), expect: 401 },
  { label: "empty Authorization", headers: () => ({ Authorization: "" }), expect: 401 },
  { label: "Bearer (no token)", headers: () => ({ Authorization: "Bearer" }), expect: 401 },
  {
    label: "Basic credentials",
    headers: () => ({
      Authorization: `Basic ${Buffer.from(`${E2E_ADMIN.email}:${E2E_ADMIN.password}`).toString("base64")}`,
    }),
    expect: 401,
  },
  { label: "Token <token>", headers: ({ token }) => ({ Authorization: `Token ${token}` }), expect: 401 },
  { label: "Bearer <token>x", headers: ({ token }) => ({ Authorization: `Bearer ${token}x` }), expect: 401 },
  {
    label: "Bearer <token minus a char>",
    headers: ({ token }) => ({ Authorization: `Bearer ${token.slice(0, -1)}` }),
    expect: 401,
  },
  {
    label: "Bearer <token> <token>",
    headers: ({ token }) => ({ Authorization: `Bearer ${token} ${token}` }),
    expect: 401,
  },
  { label: "Bearer <8000 chars>", headers: () => ({ Authorization: `Bearer ${"A".repeat(8000)}` }), expect: 401 },
  { label: "Bearer with Latin-1 bytes", headers: ({ token }) => ({ Authorization: `Bearer é${token}ÿ` }), expect: 401 },
  { label: "Bearer SQL", headers: () => ({ Authorization: "Bearer ' OR '1'='1" }), expect: 401 },
  { label: "Bearer null", headers: () => ({ Authorization: "Bearer null" }), expect: 401 },
  {
    label: "garbage session cookie",
    headers: () => ({ Cookie: "next-auth.session-token=garbage.not.a.jwt; __Secure-next-auth.session-token=%00" }),
    expect: 401,
  },
  {
    label: "session cookie from another site",
    headers: ({ sessionCookie }) => ({ Cookie: sessionCookie, Origin: "https://evil.example" }),
    expect: 403,
  },
  {
    label: "session cookie, Sec-Fetch-Site: cross-site",
    headers: ({ sessionCookie }) => ({ Cookie: sessionCookie, "Sec-Fetch-Site": "cross-site" }),
    expect: 403,
  },
  // An <img> on another port of the same host, and a browser that names no origin at all (M1).
  {
    label: "session cookie, Sec-Fetch-Site: same-site",
    headers: ({ sessionCookie }) => ({ Cookie: sessionCookie, "Sec-Fetch-Site": "same-site" }),
    expect: 403,
  },
  { label: "session cookie, no Origin", headers: ({ sessionCookie }) => ({ Cookie: sessionCookie }), expect: 403 },
];
const VALID_AUTH = AUTHS[0] as Auth;

/**
 * BAD_IDS a lenient parser reads as a record id ("00001", "1e3", "0x1", "%201" are 1, 1000, 1, 1),
 * in the same shape around this spec's own record. As they were, they named whichever conversation
 * or run another spec had made first, and a turn or stop sent there changed it under that spec (a
 * 409 on its next turn, an aborted run, one more message in a count) when both ran at once.
 */
const OWN_RECORD_SHAPES: Readonly<Record<string, (own: number) => string>> = {
  "00001": (own) => `0000${own}`,
  "1e3": (own) => `${own}e0`,
  "0x1": (own) => `0x${own.toString(16)}`,
  "%201": (own) => `%20${own}`,
  "1%20": (own) => `${own}%20`,
};
for (const id of BAD_IDS) {
  if (!SAFE_BAD_IDS.includes(id) && !OWN_RECORD_SHAPES[id])
    throw new Error(`BAD_IDS has ${id}, which reads as a record id: give it a shape in OWN_RECORD_SHAPES`);
}

/** A bad id as sent: one that reads as a record id is aimed at `own`, this spec's record. */
function aimedAt(id: string, own: number | string): string {
  const shape = OWN_RECORD_SHAPES[id];
  return shape ? shape(Number(own)) : id;
}

/** The run id a stop case sends: a bad id, or (for the plain small ids that once named other specs' runs) a record of this spec. */
function stopTarget(id: string | null, fixtures: Fixtures): string {
  if (id === null || id === "<finished run>") return fixtures.finishedRunId;
  if (id === "<its prompt message>") return String(fixtures.promptMessageId);
  return aimedAt(id, fixtures.finishedRunId);
}

const LAST_EVENT_IDS: ReadonlyArray<(fixtures: Fixtures) => string> = [
  () => "",
  () => "abc",
  () => "1:",
  () => ":1",
  () => "999999:0",
  () => "x".repeat(8000),
  () => "9".repeat(8000),
  () => "1:1:1",
  // Run 1 would be another spec's: reattaching to it (and hanging up) can restart its grace window.
  ({ finishedRunId }) => ` ${finishedRunId}:1 `,
  () => "-1:-1",
  () => "99999999999:1",
  () => "1:9999999999",
  () => "0:0",
  () => "1e3:1",
  () => "é:ÿ",
  ({ finishedRunId }) => `${finishedRunId}:0`,
  ({ finishedRunId }) => `${finishedRunId}:999999`,
];

const KNOWN_KEYS = [
  "configuration",
  "prompt",
  "system",
  "temperature",
  "maxTokens",
  "topP",
  "stop",
  "reasoningEffort",
  "thinkingBudget",
  "title",
] as const;

/** A plausible value for a known key (so that some inputs reach deeper checks, or are valid). */
function validValue(key: string, fixtures: Fixtures, rng: Rng): string {
  switch (key) {
    case "configuration":
      return rng.pick([fixtures.slug, String(fixtures.configurationId), ` ${fixtures.slug.toUpperCase()} `]);
    case "prompt":
    case "message":
      return rng.pick(["hi", "Explain SSE", "é🙂"]);
    case "temperature":
      return rng.pick(["0", "0.7", "2"]);
    case "topP":
      return rng.pick(["0", "0.9", "1"]);
    case "maxTokens":
      return rng.pick(["1", "64", "4096"]);
    case "stop":
      return rng.pick(["END", '["END","STOP"]']);
    case "reasoningEffort":
      return rng.pick(["low", "medium", "high"]);
    case "thinkingBudget":
      return rng.pick(["1024", "2048"]);
    default:
      return rng.pick(["short", "Be brief."]);
  }
}

/**
 * Which keys an input carries and which of them get a hostile value. Half the inputs are valid
 * but for one key (so the hostile value gets past the other checks, into the lookups and the
 * database); the rest are chaos: a random subset of known and unknown keys, most of them hostile.
 * Generation draws from `rng` only, so the same seed yields the same input whatever the fixtures are.
 */
function randomShape(
  rng: Rng,
  keys: readonly string[],
  mustHave: readonly string[],
): { entries: Array<{ key: string; hostile: boolean }>; note: string } {
  if (rng.chance(0.5)) {
    const present = [...new Set([...mustHave, ...rng.subset(keys, 0.25)])];
    const target = rng.chance(0.85) && present.length > 0 ? rng.pick(present) : rng.pick(UNKNOWN_KEYS);
    const entries = present.map((key) => ({ key, hostile: key === target }));
    if (!present.includes(target)) entries.push({ key: target, hostile: true });
    return { entries, note: `valid but ${preview(target)}` };
  }
  const chosen = [
    ...new Set([
      ...mustHave.filter(() => rng.chance(0.85)),
      ...rng.subset(keys, 0.35),
      ...rng.subset(UNKNOWN_KEYS, 0.08),
    ]),
  ];
  return {
    entries: chosen.map((key) => ({ key, hostile: !mustHave.includes(key) || rng.chance(0.45) })),
    note: "chaos",
  };
}

/** A query string with hostile values, repeated keys, bare keys and stray separators. */
function randomQuery(
  rng: Rng,
  keys: readonly string[],
  mustHave: readonly string[],
): { query: (fixtures: Fixtures) => string; note: string } {
  type Part = { key: string; value: (fixtures: Fixtures) => string | null };
  const parts: Part[] = [];
  const { entries, note } = randomShape(rng, keys, mustHave);
  for (const { key, hostile } of entries) {
    const repeats = rng.chance(0.1) ? 2 : 1;
    for (let time = 0; time < repeats; time += 1) {
      const roll = rng.float();
      if (!hostile) {
        const seed = rng.int(0, 2 ** 31);
        parts.push({ key, value: (fixtures) => encodeQueryValue(validValue(key, fixtures, new Rng(seed))) });
      } else if (roll < 0.75) {
        const value = rng.pick(NASTY_STRINGS);
        parts.push({ key, value: () => encodeQueryValue(value) });
      } else if (roll < 0.93) {
        const value = rng.pick(RAW_QUERY_VALUES);
        parts.push({ key, value: () => value });
      } else if (roll < 0.97) {
        parts.push({ key, value: () => null });
      } else {
        parts.push({ key, value: () => HUGE });
      }
    }
  }
  const stray = rng.chance(0.1) ? rng.pick(["&&", "&=", "&=x", "?", "&;"]) : "";
  const query = (fixtures: Fixtures) =>
    parts
      .map(({ key, value }) => {
        const encodedKey = key.includes("%") ? key : encodeQueryValue(key);
        const encodedValue = value(fixtures);
        return encodedValue === null ? encodedKey : `${encodedKey}=${encodedValue}`;
      })
      .join("&") + stray;
  return { query, note };
}

/** A random JSON value of any type, nested up to `depth`. */
function randomJson(rng: Rng, depth: number): unknown {
  const roll = rng.int(0, depth > 0 ? 6 : 4);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick(NASTY_NUMBERS);
    case 3:
    case 4:
      return rng.pick(NASTY_STRINGS);
    case 5:
      return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth - 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(0, 4) }, () => [
          rng.pick([...KNOWN_KEYS, ...UNKNOWN_KEYS]),
          randomJson(rng, depth - 1),
        ]),
      );
  }
}

const RAW_BODIES: ReadonlyArray<() => RawBody> = [
  () => "",
  () => "   \n",
  () => "{",
  () => "nul",
  () => "NaN",
  () => "Infinity",
  () => "undefined",
  () => "'single quotes'",
  () => '{"prompt":"hi"',
  () => '{"configuration":"x","prompt":"hi"}trailing',
  () => "\ufeff{}",
  () => '{"prompt":"\\u0000","configuration":"\\ud800"}',
  () => '{"a":1,"a":2,"__proto__":{"polluted":true}}',
  () => "[".repeat(50_000) + "]".repeat(50_000),
  () => '{"a":'.repeat(20_000) + "1" + "}".repeat(20_000),
  () => "configuration=x&prompt=hi",
  () => '--x\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nhi\r\n--x--\r\n',
  () => new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x22, 0x3a, 0x31, 0x7d]),
  () => new Uint8Array([0x00, 0x01, 0x02, 0x80, 0xc0, 0xaf]),
  () => JSON.stringify({ configuration: "x", prompt: "y".repeat(1_100_000) }),
  () => JSON.stringify([{ configuration: "x", prompt: "hi" }]),
];

const CONTENT_TYPES: readonly string[] = [
  "application/json",
  "application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/octet-stream",
  "text/event-stream",
  "",
];

/** A POST body: an object of known keys with random-typed values, any JSON value, or raw bytes. */
function randomBody(
  rng: Rng,
  keys: readonly string[],
  mustHave: readonly string[],
): { body: (fixtures: Fixtures) => RawBody; note: string } {
  const roll = rng.float();
  if (roll < 0.6) {
    type Entry = { key: string; value: (fixtures: Fixtures) => unknown };
    const { entries: shape, note } = randomShape(rng, keys, mustHave);
    const entries: Entry[] = shape.map(({ key, hostile }) => {
      if (!hostile) {
        const seed = rng.int(0, 2 ** 31);
        const asNumber = key === "configuration" && rng.chance(0.3);
        return {
          key,
          value: (fixtures: Fixtures) =>
            asNumber ? fixtures.configurationId : validValue(key, fixtures, new Rng(seed)),
        };
      }
      const value = rng.chance(0.5) ? rng.pick(NASTY_STRINGS) : randomJson(rng, 2);
      return { key, value: () => value };
    });
    return {
      body: (fixtures) => JSON.stringify(Object.fromEntries(entries.map(({ key, value }) => [key, value(fixtures)]))),
      note: `object body, ${note}`,
    };
  }
  if (roll < 0.8) {
    const value = randomJson(rng, 3);
    return { body: () => JSON.stringify(value), note: "any JSON body" };
  }
  const index = rng.int(0, RAW_BODIES.length - 1);
  const raw = RAW_BODIES[index] as () => RawBody;
  return { body: raw, note: `raw body #${index}` };
}

function randomCase(rng: Rng, index: number): HostileCase {
  const auth = rng.chance(0.75) ? rng.pick(AUTHS.slice(0, 3)) : rng.pick(AUTHS);
  const eventIdIndex = rng.chance(0.12) ? rng.int(0, LAST_EVENT_IDS.length - 1) : -1;
  const lastEventId = LAST_EVENT_IDS[eventIdIndex];
  const roll = rng.float();
  const method = rng.chance(0.5) ? "GET" : "POST";
  const contentType = rng.pick(CONTENT_TYPES);
  if (roll < 0.7) {
    // /api/stream, GET with a query string or POST with a body (sometimes both).
    const { query, note: queryNote } = randomQuery(rng, KNOWN_KEYS, ["configuration", "prompt"]);
    if (method === "GET")
      return {
        index,
        target: "stream",
        method,
        path: (fixtures) => `/api/stream?${query(fixtures)}`,
        lastEventId,
        auth,
        note: `GET /api/stream, ${queryNote}, ${auth.label}`,
      };
    const { body, note } = randomBody(rng, KNOWN_KEYS, ["configuration", "prompt"]);
    const withQuery = rng.chance(0.15);
    return {
      index,
      target: "stream",
      method,
      path: (fixtures) => `/api/stream${withQuery ? `?${query(fixtures)}` : ""}`,
      body,
      contentType,
      lastEventId,
      auth,
      note: `POST /api/stream, ${note}, ${preview(contentType)}, ${auth.label}`,
    };
  }
  if (roll < 0.9) {
    // /api/conversations/{id}/stream with good and bad ids, GET or POST.
    const id = rng.chance(0.4) ? null : rng.pick(BAD_IDS);
    const keys = [
      "message",
      "configuration",
      ...KNOWN_KEYS.filter((key) => key !== "prompt" && key !== "configuration"),
    ];
    const path = (fixtures: Fixtures) =>
      `/api/conversations/${id === null ? String(fixtures.conversationId) : aimedAt(id, fixtures.conversationId)}/stream`;
    if (method === "GET") {
      const { query, note } = randomQuery(rng, keys, ["message"]);
      return {
        index,
        target: "turn",
        method,
        path: (fixtures) => `${path(fixtures)}?${query(fixtures)}`,
        lastEventId,
        auth,
        note: `GET turn id=${id ?? "<conversation>"}, ${note}, ${auth.label}`,
      };
    }
    const { body, note } = randomBody(rng, keys, ["message"]);
    return {
      index,
      target: "turn",
      method,
      path,
      body,
      contentType,
      lastEventId,
      auth,
      note: `POST turn id=${id ?? "<conversation>"}, ${note}, ${auth.label}`,
    };
  }
  // /api/runs/{runId}/stop with bad ids (the body is ignored, so it is garbage). The last two were
  // the plain ids 1 and 3: runs of whichever spec came first, stopped if still streaming.
  const id = rng.chance(0.2) ? null : rng.pick([...BAD_IDS, "<finished run>", "<its prompt message>"]);
  const { body } = randomBody(rng, KNOWN_KEYS, []);
  return {
    index,
    target: "stop",
    method: "POST",
    path: (fixtures) => `/api/runs/${stopTarget(id, fixtures)}/stop`,
    body,
    contentType,
    lastEventId,
    auth,
    note: `POST stop id=${id ?? "<finished run>"}, ${auth.label}`,
  };
}

/** Cases every seed includes: each listed bad id, Last-Event-ID and Authorization variant, the huge inputs. */
function fixedCases(): Array<Omit<HostileCase, "index">> {
  const cases: Array<Omit<HostileCase, "index">> = [];
  const validQuery = ({ slug }: Fixtures) => `configuration=${slug}&prompt=hi`;
  for (const auth of AUTHS) {
    cases.push({
      target: "stream",
      method: "GET",
      path: (fixtures) => `/api/stream?${validQuery(fixtures)}`,
      auth,
      note: `valid GET, ${auth.label}`,
    });
  }
  LAST_EVENT_IDS.forEach((lastEventId, position) => {
    cases.push({
      target: "stream",
      method: "GET",
      path: (fixtures) => `/api/stream?${validQuery(fixtures)}`,
      lastEventId,
      auth: VALID_AUTH,
      note: `Last-Event-ID #${position}`,
    });
  });
  for (const id of BAD_IDS) {
    cases.push({
      target: "turn",
      method: "POST",
      path: ({ conversationId }) => `/api/conversations/${aimedAt(id, conversationId)}/stream`,
      body: () => '{"message":"hi"}',
      contentType: "application/json",
      auth: VALID_AUTH,
      note: `turn with id ${id}`,
    });
    cases.push({
      target: "stop",
      method: "POST",
      path: (fixtures) => `/api/runs/${stopTarget(id, fixtures)}/stop`,
      auth: VALID_AUTH,
      note: `stop with id ${id}`,
    });
  }
  cases.push(
    {
      target: "stream",
      method: "GET",
      path: ({ slug }) => `/api/stream?configuration=${slug}&prompt=${HUGE}`,
      auth: VALID_AUTH,
      note: "GET with a 300k-char prompt",
    },
    {
      target: "stream",
      method: "GET",
      path: ({ slug }) => `/api/stream?configuration=${slug}&prompt=${"y".repeat(12_000)}`,
      auth: VALID_AUTH,
      note: "GET with a 12k-char prompt",
    },
    {
      target: "stream",
      method: "POST",
      path: () => "/api/stream",
      body: ({ slug }) => JSON.stringify({ configuration: slug, prompt: "z".repeat(1_100_000) }),
      contentType: "application/json",
      auth: VALID_AUTH,
      note: "POST with a 1.1 MB body",
    },
    {
      target: "stream",
      method: "POST",
      path: () => "/api/stream",
      body: ({ slug }) => JSON.stringify({ configuration: slug, prompt: "z".repeat(200_001) }),
      contentType: "application/json",
      auth: VALID_AUTH,
      note: "POST with a prompt one over the limit",
    },
    {
      target: "stream",
      method: "GET",
      path: ({ slug }) => `/api/stream?configuration=${slug}&prompt=a%00b`,
      auth: VALID_AUTH,
      note: "GET with a NUL in the prompt",
    },
    {
      target: "stream",
      method: "GET",
      path: () => "/api/stream?configuration=a%00b&prompt=hi",
      auth: VALID_AUTH,
      note: "GET with a NUL in the configuration",
    },
    {
      target: "stream",
      method: "POST",
      path: () => "/api/stream",
      body: ({ slug }) => JSON.stringify({ configuration: slug, prompt: "\ud800 lone" }),
      contentType: "application/json",
      auth: VALID_AUTH,
      note: "POST with a lone surrogate in the prompt",
    },
    {
      target: "stream",
      method: "POST",
      path: () => "/api/stream",
      body: ({ slug }) => JSON.stringify({ configuration: slug, prompt: "hi", title: "\u0000" }),
      contentType: "application/json",
      auth: VALID_AUTH,
      note: "POST with a NUL title",
    },
    {
      target: "turn",
      method: "POST",
      path: ({ conversationId }) => `/api/conversations/${conversationId}/stream`,
      body: () => JSON.stringify({ message: "a\u0000b" }),
      contentType: "application/json",
      auth: VALID_AUTH,
      note: "turn with a NUL in the message",
    },
    {
      target: "turn",
      method: "POST",
      path: ({ conversationId }) => `/api/conversations/${conversationId}/stream`,
      body: () => JSON.stringify({ message: "hi", configuration: "x".repeat(300_000) }),
      contentType: "application/json",
      auth: VALID_AUTH,
      note: "turn with a 300k-char configuration",
    },
  );
  return cases;
}

function allCases(seed: number): HostileCase[] {
  const rng = new Rng(seed);
  const fixed = fixedCases().map((hostile, index) => ({ ...hostile, index }));
  const random = Array.from({ length: RANDOM_CASES }, (_unused, offset) => randomCase(rng, fixed.length + offset));
  return [...fixed, ...random];
}

function describeCase(hostile: HostileCase, fixtures: Fixtures): string {
  const body = hostile.body?.(fixtures);
  const bodyText =
    body === undefined ? "none" : typeof body === "string" ? preview(body) : `bytes [${Array.from(body).join(",")}]`;
  const headers = {
    ...hostile.auth.headers(fixtures),
    ...(hostile.lastEventId ? { "Last-Event-ID": hostile.lastEventId(fixtures) } : {}),
    ...(hostile.contentType === undefined ? {} : { "Content-Type": hostile.contentType }),
  };
  const shownHeaders = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      value.replace(fixtures.token, "<token>").replace(fixtures.sessionCookie, "<session cookie>"),
    ]),
  );
  return [
    `#${hostile.index} ${hostile.note}`,
    `  ${hostile.method} ${preview(hostile.path(fixtures), 300)}`,
    `  headers ${preview(JSON.stringify(shownHeaders), 300)}`,
    `  body ${bodyText}`,
  ].join("\n");
}

async function send(hostile: HostileCase, fixtures: Fixtures): Promise<Outcome> {
  const headers: Record<string, string> = { ...hostile.auth.headers(fixtures) };
  if (hostile.lastEventId) headers["Last-Event-ID"] = hostile.lastEventId(fixtures);
  if (hostile.contentType !== undefined) headers["Content-Type"] = hostile.contentType;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("no answer in time")), REQUEST_TIMEOUT_MS);
  try {
    const body = hostile.body?.(fixtures);
    const response = await fetch(`${BASE_URL}${hostile.path(fixtures)}`, {
      method: hostile.method,
      headers,
      body: hostile.method === "GET" ? undefined : body,
      signal: controller.signal,
    });
    const contentType = response.headers.get("content-type");
    if (response.status !== 200 || !contentType?.startsWith("text/event-stream")) {
      return { status: response.status, contentType, text: await response.text() };
    }
    // A valid input started (or resumed) a run: take its first event and hang up.
    const firstEventTimer = setTimeout(
      () => controller.abort(new Error("no first event in time")),
      FIRST_EVENT_TIMEOUT_MS,
    );
    const events = await readEvents(response, { controller, stopWhen: (seen) => seen.length >= 1 });
    clearTimeout(firstEventTimer);
    return { status: 200, contentType, text: "", firstEvent: events[0] ? JSON.stringify(events[0].data) : undefined };
  } finally {
    clearTimeout(timer);
  }
}

function headBytes(hostile: HostileCase, fixtures: Fixtures): number {
  const headers = {
    ...hostile.auth.headers(fixtures),
    ...(hostile.lastEventId ? { "Last-Event-ID": hostile.lastEventId(fixtures) } : {}),
  };
  return (
    hostile.path(fixtures).length +
    Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0) +
    200
  );
}

/** What is wrong with the answer to one case, or null when it is acceptable. */
function problemWith(hostile: HostileCase, outcome: Outcome, fixtures: Fixtures): string | null {
  const { status, contentType, text } = outcome;
  if (status === 431)
    return headBytes(hostile, fixtures) > NODE_HEADER_LIMIT
      ? null
      : "431 although the request head is under Node's header limit";
  if (!ALLOWED.has(status)) return `status ${status} is not one of ${[...ALLOWED].join("/")}`;
  const leak = leakIn(text);
  if (leak) return `the body leaks ${leak}`;
  if (hostile.auth.expect !== "ok" && status !== hostile.auth.expect)
    return `expected ${hostile.auth.expect} for ${hostile.auth.label}`;
  if (hostile.auth.expect === "ok" && (status === 401 || status === 403))
    return `valid credentials (${hostile.auth.label}) were refused`;
  if (
    hostile.auth.expect === "ok" &&
    hostile.lastEventId &&
    hostile.target !== "stop" &&
    status !== 200 &&
    status !== 204
  )
    return "a reconnect (Last-Event-ID) must get 200 or 204";
  if (status === 204) return text === "" ? null : "a 204 has a body";
  if (status === 200) {
    if (hostile.target === "stop") {
      if (!contentType?.includes("application/json")) return `a stop answered 200 with ${contentType}`;
      const parsed = JSON.parse(text) as { stopped?: unknown };
      return typeof parsed.stopped === "boolean" ? null : "a stop's 200 has no `stopped`";
    }
    if (!contentType?.startsWith("text/event-stream")) return `200 with content-type ${contentType}`;
    if (!outcome.firstEvent) return "a 200 stream sent no event";
    const first = JSON.parse(outcome.firstEvent) as { type?: unknown; message?: unknown };
    if (typeof first.type !== "string") return `the first event has no type: ${outcome.firstEvent}`;
    if (!hostile.lastEventId && first.type !== "start") return `a new run began with ${outcome.firstEvent}`;
    return leakIn(outcome.firstEvent) ? `the first event leaks internals: ${outcome.firstEvent}` : null;
  }
  if (!contentType?.includes("application/json")) return `a ${status} answered with content-type ${contentType}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "a non-200 body is not JSON";
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== "string" || typeof error.message !== "string" || error.message === "")
    return "a non-200 body is not {error:{code,message}}";
  if (/^[A-Z]\w*Error\b/.test(error.message)) return "the message is a raw JavaScript error";
  return null;
}

// Next.js itself answers a malformed percent-escape in a dynamic route segment with a plain-text
// 500 before any app code runs (its DecodeError → 400 path fails). Kept here, expected to fail,
// so the day it is fixed (in Next.js or with a guard in proxy.ts) this test says so.
const MALFORMED_SEGMENTS: readonly string[] = ["%zz", "%", "%E0%A4", "%ED%A0%80", "%C0%AF", "%FF"];

let admin: APIRequestContext;
let fixtures: Fixtures;

test.beforeAll(async () => {
  admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
  const token = (
    await readAnswer(await admin.post("/api/tokens", { data: { name: "hostile input" } }), createdTokenAnswerSchema)
  ).token;
  const configuration = await simulatedConfiguration(admin, { provider: "openai", scenario: "fast-5" });
  const created = await admin.post("/api/conversations", {
    data: { configuration: configuration.slug, title: "Hostile" },
  });
  const conversationId = (await readAnswer(created, conversationAnswerSchema)).conversation.id;
  // A finished run, for stop and Last-Event-ID cases.
  const finished = await fetch(`${BASE_URL}/api/stream?configuration=${configuration.slug}&prompt=done`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const events = await readEvents(finished);
  const finishedRunId = String(events[0]?.data.runId);
  const [prompt] = (await savedConversation(admin, Number(events[0]?.data.conversationId))).messages;
  if (prompt?.role !== "user") throw new Error("the finished run saved no prompt message");
  const sessionCookie = (await admin.storageState()).cookies
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join("; ");
  fixtures = {
    token,
    slug: configuration.slug,
    configurationId: configuration.id,
    conversationId,
    finishedRunId,
    promptMessageId: prompt.id,
    sessionCookie,
  };
});

test.afterAll(async () => {
  await admin.dispose();
});

test(`no hostile input to the stream endpoints gets a 5xx or leaks internals (seed ${SEED})`, async () => {
  test.setTimeout(90_000);
  const cases = allCases(SEED).filter((hostile) => ONLY.size === 0 || ONLY.has(hostile.index));
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let nextCase = 0;
  const worker = async (): Promise<void> => {
    for (let hostile = cases[nextCase++]; hostile; hostile = cases[nextCase++]) {
      let problem: string | null;
      let outcome: Outcome | undefined;
      try {
        outcome = await send(hostile, fixtures);
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        problem = problemWith(hostile, outcome, fixtures);
      } catch (error) {
        problem = `the request failed: ${error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error)}`;
      }
      if (problem) {
        failures.push(
          `${describeCase(hostile, fixtures)}\n  => ${outcome?.status ?? "no answer"} ${preview(outcome?.text ?? "", 400)}\n  problem: ${problem}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  console.log(
    `hostile input, seed ${SEED}: ${cases.length} cases; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
  );
  if (failures.length > 0) {
    console.log(
      `seed ${SEED}: ${failures.length} failing case(s); replay with HOSTILE_SEED=${SEED} HOSTILE_CASE=<n>\n\n${failures.join("\n\n")}`,
    );
  }
  expect(failures, `seed ${SEED}`).toEqual([]);
});

// Next 16 itself answers a path it cannot decode with a plain-text 500; proxy.ts refuses it first.
test("a malformed percent-escape in a route id gets a 400 JSON answer, not a 500", async () => {
  const problems: string[] = [];
  for (const segment of MALFORMED_SEGMENTS) {
    for (const path of [`/api/conversations/${segment}/stream`, `/api/runs/${segment}/stop`]) {
      const response = await fetch(`${BASE_URL}${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${fixtures.token}` },
      });
      const text = await response.text();
      if (response.status !== 400 || !text.includes('"invalid_params"') || leakIn(text))
        problems.push(`POST ${path} => ${response.status} ${preview(text)}`);
    }
  }
  expect(problems).toEqual([]);
});
