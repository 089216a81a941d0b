// Helpers for the simulator's own tests: a simulator per test file, SSE/NDJSON readers and fixtures.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { afterAll, beforeAll } from "vitest";
import { startSimulator, type RunningSimulator } from "./server";

// The byte-exact wire fixtures in lib/llm/testing/fixtures (WIRE_FIXTURES_DIR adds another folder
// to look in first); a clean clone needs nothing beside it.
const FIXTURE_DIRS = [process.env.WIRE_FIXTURES_DIR, "lib/llm/testing/fixtures"]
  .filter((dir): dir is string => Boolean(dir))
  .map((dir) => path.resolve(process.cwd(), dir));

/** Starts a simulator on a free port before the file's tests and closes it after them. */
export function simulatorPerFile(): { readonly url: string; readonly simulator: RunningSimulator } {
  let running: RunningSimulator | null = null;
  beforeAll(async () => {
    running = await startSimulator({ port: 0, normalDelayMs: 1, slowDelayMs: 50 });
  });
  afterAll(async () => {
    await running?.close();
  });
  return {
    get simulator(): RunningSimulator {
      if (!running) throw new Error("simulator not started");
      return running;
    },
    get url(): string {
      if (!running) throw new Error("simulator not started");
      return running.url;
    },
  };
}

export function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal,
  });
}

/** Parses SSE text with a spec-compliant parser; comments are collected too. */
export function parseSse(text: string): { events: EventSourceMessage[]; comments: string[] } {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onComment: (comment) => comments.push(comment),
  });
  parser.feed(text);
  return { events, comments };
}

export async function readSse(
  response: Response,
): Promise<{ events: EventSourceMessage[]; comments: string[]; text: string }> {
  const text = await response.text();
  return { ...parseSse(text), text };
}

/** The raw body chunks as they arrived, with their arrival times. */
export async function timedChunks(response: Response): Promise<{ chunk: Uint8Array; at: number }[]> {
  const chunks: { chunk: Uint8Array; at: number }[] = [];
  const reader = response.body?.getReader();
  if (!reader) return chunks;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push({ chunk: value, at: Date.now() });
  }
}

export async function rawChunks(response: Response): Promise<Uint8Array[]> {
  return (await timedChunks(response)).map(({ chunk }) => chunk);
}

export function ndjson(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function fixture(name: string): string {
  const found = FIXTURE_DIRS.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
  if (!found) throw new Error(`wire fixture ${name} not found in ${FIXTURE_DIRS.join(", ")}`);
  return readFileSync(found, "utf8");
}

/** JSON data of every SSE event except `[DONE]`. */
export function jsonData<T>(events: EventSourceMessage[]): T[] {
  return events.filter((event) => event.data !== "[DONE]").map((event) => JSON.parse(event.data) as T);
}

export function keysOf(value: unknown): string[] {
  return typeof value === "object" && value !== null ? Object.keys(value).sort() : [];
}

/** Polls until the check passes or the time is up (then the last assertion error is thrown). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 1000, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

export function recordByTag(simulator: RunningSimulator, tag: string) {
  const record = simulator.requests().find((candidate) => candidate.tag === tag);
  if (!record) throw new Error(`no request tagged ${tag}`);
  return record;
}
