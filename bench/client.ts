// HTTP clients of the benchmark: an admin session and API token, configurations on the
// simulator, and SSE readers for the app's /api/stream and the simulator's OpenAI route.
import { createParser } from "eventsource-parser";
import { ADMIN_EMAIL, ADMIN_PASSWORD, SIMULATOR_KEY } from "../e2e/support/credentials";

const MODEL = "gpt-4o-mini";

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}

const cookieHeader = (jar: Map<string, string>): string =>
  [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** Signs in as the e2e admin and creates an API token; returns its value. */
export async function createApiToken(appUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfResponse = await fetch(`${appUrl}/api/auth/csrf`);
  cookiesOf(csrfResponse, jar);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const signIn = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email: ADMIN_EMAIL, password: ADMIN_PASSWORD, json: "true" }),
  });
  cookiesOf(signIn, jar);
  if (![...jar.keys()].some((name) => name.includes("session-token")))
    throw new Error(`sign-in failed (${signIn.status})`);
  const created = await fetch(`${appUrl}/api/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: cookieHeader(jar), Origin: appUrl },
    body: JSON.stringify({ name: `bench-${Date.now()}` }),
  });
  if (created.status !== 201)
    throw new Error(`creating the API token failed: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

/** An OpenAI configuration on the simulator with `~scenario`; its slug doubles as X-Simulator-Tag. */
export async function createConfiguration(
  appUrl: string,
  token: string,
  simulatorUrl: string,
  scenario: string,
): Promise<string> {
  const slug = `bench-${scenario}-${Math.random().toString(36).slice(2, 8)}`.replace(/[^a-z0-9-]/g, "-");
  const response = await fetch(`${appUrl}/api/configurations`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      name: `Bench ${scenario}`,
      slug,
      provider: "openai",
      model: `${MODEL}~${scenario}`,
      baseUrl: `${simulatorUrl}/openai/v1`,
      apiKey: SIMULATOR_KEY,
      extraHeaders: { "X-Simulator-Tag": slug },
      totalTimeoutMs: 300_000,
    }),
  });
  if (response.status !== 201)
    throw new Error(`creating configuration ${scenario} failed: ${response.status} ${await response.text()}`);
  return slug;
}

export type StreamResult = {
  status: number;
  /** ms from sending the request to the first content chunk; null if none came. */
  firstChunkMs: number | null;
  totalMs: number;
  chunks: number;
  text: string;
  runId: string | null;
  /** Sequence numbers from the app's `id: <runId>:<seq>` lines (app only). */
  seqs: number[];
  errors: string[];
};

type Hooks = {
  onFirstChunk?: (runId: string | null, abort: () => void) => void;
  /** Every content chunk, with performance.now() when it was parsed. */
  onChunk?: (at: number) => void;
};

type Parsed = { content?: string; runId?: string; error?: string; end?: boolean };

/** "fetch failed" alone says little: the cause (ECONNRESET, a connect timeout…) says what broke. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  const detail =
    cause instanceof Error ? ("code" in cause && typeof cause.code === "string" ? cause.code : cause.message) : null;
  return detail ? `${error.message} (${detail})` : error.message;
}

async function readSse(
  request: () => Promise<Response>,
  controller: AbortController,
  interpret: (data: string) => Parsed,
  hooks: Hooks,
): Promise<StreamResult> {
  const started = performance.now();
  const result: StreamResult = {
    status: 0,
    firstChunkMs: null,
    totalMs: 0,
    chunks: 0,
    text: "",
    runId: null,
    seqs: [],
    errors: [],
  };
  const parser = createParser({
    onEvent(message) {
      const seq = message.id ? Number(message.id.split(":")[1]) : Number.NaN;
      if (Number.isFinite(seq)) result.seqs.push(seq);
      const parsed = interpret(message.data);
      if (parsed.runId) result.runId = parsed.runId;
      if (parsed.error) result.errors.push(parsed.error);
      if (parsed.content === undefined || parsed.content.length === 0) return;
      result.chunks += 1;
      result.text += parsed.content;
      hooks.onChunk?.(performance.now());
      if (result.firstChunkMs === null) {
        result.firstChunkMs = performance.now() - started;
        hooks.onFirstChunk?.(result.runId, () => controller.abort());
      }
    },
  });
  try {
    const response = await request();
    result.status = response.status;
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } catch (error) {
    if (!controller.signal.aborted) result.errors.push(describeFailure(error));
  }
  result.totalMs = performance.now() - started;
  return result;
}

/** POST /api/stream with a bearer token; counts `chunk` events. */
export function appStream(
  appUrl: string,
  token: string,
  configuration: string,
  prompt: string,
  hooks: Hooks = {},
): Promise<StreamResult> {
  const controller = new AbortController();
  const request = () =>
    fetch(`${appUrl}/api/stream`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ configuration, prompt }),
      signal: controller.signal,
    });
  return readSse(
    request,
    controller,
    (data) => {
      const event = JSON.parse(data) as { type: string; content?: unknown; runId?: unknown; code?: unknown };
      if (event.type === "start") return { runId: String(event.runId) };
      if (event.type === "error") return { error: String(event.code) };
      return event.type === "chunk" ? { content: String(event.content) } : {};
    },
    hooks,
  );
}

/** The same scenario straight from the simulator's OpenAI route; counts content deltas. */
export function directStream(
  simulatorUrl: string,
  scenario: string,
  prompt: string,
  hooks: Hooks = {},
): Promise<StreamResult> {
  const controller = new AbortController();
  const request = () =>
    fetch(`${simulatorUrl}/openai/v1/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${SIMULATOR_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        model: `${MODEL}~${scenario}`,
        stream: true,
        messages: [{ role: "user", content: prompt }],
      }),
      signal: controller.signal,
    });
  return readSse(
    request,
    controller,
    (data) => {
      if (data === "[DONE]") return { end: true };
      const chunk = JSON.parse(data) as { choices?: { delta?: { content?: unknown } }[] };
      const content = chunk.choices?.[0]?.delta?.content;
      return typeof content === "string" ? { content } : {};
    },
    hooks,
  );
}
