import { afterEach } from "vitest";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { CallOptions, LlmEvent } from "@/lib/llm/types";

// A real HTTP server for adapter tests: it answers each request with scripted bytes written in
// separate packets (so UTF-8 characters and CRLFs can be split across writes) and records what
// the client sent and whether the client closed the connection early.

const FIXTURES_DIRECTORY = fileURLToPath(new URL("./fixtures/", import.meta.url));
const PACKET_PAUSE_MS = 3;

/** One scripted answer. */
export type ScriptedResponse = {
  status?: number;
  headers?: Record<string, string>;
  /** Body pieces, each written on its own after a short pause. */
  packets?: Array<string | Uint8Array>;
  /** Leave the response open after the last packet (for abort tests). */
  holdOpen?: boolean;
  /** Destroy the socket after the last packet instead of ending the response cleanly. */
  destroyAfter?: boolean;
};

/** What the server saw of one request. */
type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Milliseconds (performance.now) when the client closed the connection before the response ended; null while it has not. */
  clientClosedAt: number | null;
};

export type FixtureServer = {
  /** http://127.0.0.1:<port> */
  origin: string;
  requests: RecordedRequest[];
  /** Resolves with the time the client closed request `index` early; rejects after `timeoutMs`. */
  waitForClientClose(index: number, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
};

/** A fixture file's exact bytes (from lib/llm/testing/fixtures). */
export function readFixture(name: string): Buffer {
  return readFileSync(`${FIXTURES_DIRECTORY}${name}`);
}

/** Splits bytes at the given offsets (ascending). */
export function splitBytes(bytes: Uint8Array, offsets: number[]): Buffer[] {
  const pieces: Buffer[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    pieces.push(Buffer.from(bytes.subarray(start, offset)));
    start = offset;
  }
  return pieces.filter((piece) => piece.length > 0);
}

/** Offset of the byte after the first byte of `character`'s first occurrence: a cut there splits the character. */
export function offsetInside(bytes: Uint8Array, character: string): number {
  const encoded = Buffer.from(character, "utf8");
  if (encoded.length < 2) throw new Error(`"${character}" is a single byte in UTF-8`);
  const at = Buffer.from(bytes).indexOf(encoded);
  if (at === -1) throw new Error(`"${character}" is not in the bytes`);
  return at + 1;
}

/** Offset between the first "\r" and its "\n". */
export function offsetInsideCrlf(bytes: Uint8Array): number {
  const at = Buffer.from(bytes).indexOf("\r\n");
  if (at === -1) throw new Error("no CRLF in the bytes");
  return at + 1;
}

/** The same bytes with every LF line ending turned into CRLF. */
export function withCrlf(bytes: Uint8Array): Buffer {
  return Buffer.from(Buffer.from(bytes).toString("utf8").replace(/\r?\n/g, "\r\n"), "utf8");
}

/** Drains an adapter stream into an array. */
export async function collectEvents(events: AsyncIterable<LlmEvent>): Promise<LlmEvent[]> {
  const collected: LlmEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

/** Text of all events of one kind, joined. */
export function joinedText(events: LlmEvent[], type: "text-delta" | "reasoning-delta"): string {
  return events.map((event) => (event.type === type ? event.text : "")).join("");
}

function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function write(response: ServerResponse, packet: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    response.write(packet, (error) => (error ? reject(error) : resolve()));
  });
}

/** Starts a server on 127.0.0.1 (port 0) answering every request with `respond(request)`. */
async function startFixtureServer(respond: (request: RecordedRequest) => ScriptedResponse): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const closeWaiters = new Map<number, Array<(at: number) => void>>();

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const recorded: RecordedRequest = {
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        clientClosedAt: null,
      };
      const index = requests.push(recorded) - 1;
      response.on("close", () => {
        if (response.writableEnded) return;
        recorded.clientClosedAt = performance.now();
        for (const resolve of closeWaiters.get(index) ?? []) resolve(recorded.clientClosedAt);
      });
      void answer(response, respond(recorded));
    });
  });

  async function answer(response: ServerResponse, script: ScriptedResponse): Promise<void> {
    response.socket?.setNoDelay(true);
    response.writeHead(script.status ?? 200, script.headers ?? {});
    response.flushHeaders();
    try {
      for (const packet of script.packets ?? []) {
        await pause(PACKET_PAUSE_MS);
        if (response.destroyed) return;
        await write(response, packet);
      }
    } catch {
      return; // the client went away mid-write
    }
    if (script.destroyAfter) response.socket?.destroy();
    else if (!script.holdOpen) response.end();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    waitForClientClose(index, timeoutMs) {
      const known = requests[index]?.clientClosedAt;
      if (known !== null && known !== undefined) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the client did not close request ${index} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const waiters = closeWaiters.get(index) ?? [];
        waiters.push((at) => {
          clearTimeout(timer);
          resolve(at);
        });
        closeWaiters.set(index, waiters);
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Registers an afterEach that closes the file's fixture server; `serve` starts one (per test)
 * answering every request with the script, or with the script chosen by the request's path.
 */
export function fixtureServerPerTest(): (
  script: ScriptedResponse | ((path: string) => ScriptedResponse),
) => Promise<FixtureServer> {
  let server: FixtureServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return async (script) => {
    server = await startFixtureServer((request) => (typeof script === "function" ? script(request.path) : script));
    return server;
  };
}

/** The deployment address the adapter tests run as (OpenRouter's attribution sends it). */
const TEST_APP_URL = "http://127.0.0.1:3000";

/** An adapter call's options: `signal` (by default one that never aborts) and the test app URL. */
export function callOptions(signal: AbortSignal = new AbortController().signal): CallOptions {
  return { signal, appUrl: TEST_APP_URL };
}
