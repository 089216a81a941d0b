import { describe, expect, it } from "vitest";
import type { FinishReason } from "@/lib/llm/finish-reason";
import { STREAM_END, type ItemVerdict } from "@/lib/llm/relay-batches";
import { streamFromBody } from "@/lib/llm/stream-from-body";
import { collectEvents } from "@/lib/llm/testing/fixture-server";
import type { LlmError, LlmEvent, ProviderConnection } from "@/lib/llm/types";

const connection: ProviderConnection = {
  provider: "local",
  baseUrl: "http://127.0.0.1:1234/v1",
  apiKey: null,
  model: "m",
  extraHeaders: {},
};

// The body's bytes are not read here: `batches` stands in for read-body.ts, one array per read.
const emptyBody = () => ({ body: new ReadableStream<Uint8Array>() });

type Item = string | ItemVerdict;

function readItem(item: Item, events: LlmEvent[]): ItemVerdict {
  if (typeof item === "string") {
    events.push({ type: "text-delta", text: item });
    return null;
  }
  return item;
}

function body(reads: Item[][], options: { failAfter?: boolean } = {}) {
  return async function* batches(): AsyncGenerator<Item[]> {
    for (const read of reads) yield read;
    if (options.failAfter)
      throw new TypeError("terminated", { cause: Object.assign(new Error("x"), { code: "UND_ERR_SOCKET" }) });
  };
}

function run(
  overrides: {
    send?: () => Promise<{ body: ReadableStream<Uint8Array> } | { error: LlmError }>;
    batches?: () => AsyncGenerator<Item[]>;
    finishReason?: () => FinishReason | null;
    signal?: AbortSignal;
  } = {},
): Promise<LlmEvent[]> {
  return collectEvents(
    streamFromBody<Item>({
      connection,
      signal: overrides.signal ?? new AbortController().signal,
      send: overrides.send ?? (() => Promise.resolve(emptyBody())),
      batches: overrides.batches ?? body([]),
      readItem,
      finishReason: overrides.finishReason ?? (() => "stop"),
    }),
  );
}

describe("streamFromBody", () => {
  it("relays the body's deltas, a read's merged into one, then finishes with the reason seen", async () => {
    const events = await run({
      batches: body([
        ["Hel", "lo"],
        [" world", STREAM_END],
      ]),
      finishReason: () => "length",
    });

    expect(events).toEqual([
      { type: "text-delta", text: "Hello" },
      { type: "text-delta", text: " world" },
      { type: "finish", finishReason: "length" },
    ]);
  });

  it("reports a body that ends without a finish reason as truncated", async () => {
    const events = await run({ batches: body([["Half"]]), finishReason: () => null });

    expect(events.at(-1)).toEqual({
      type: "error",
      error: {
        code: "upstream_protocol",
        message: "The server at 127.0.0.1:1234 closed the stream before finishing the reply.",
      },
    });
  });

  it("ends with an item's own last event, without asking for a finish reason", async () => {
    const last: LlmEvent = { type: "finish", finishReason: "stop" };
    const events = await run({
      batches: body([["Done", last, "never read"]]),
      finishReason: () => {
        throw new Error("not asked");
      },
    });

    expect(events).toEqual([{ type: "text-delta", text: "Done" }, last]);
  });

  it("maps a failure to send as a failure to connect, and one while reading as a lost connection", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const unsent = await run({ send: () => Promise.reject(new TypeError("fetch failed", { cause: refused })) });
    const cut = await run({ batches: body([["Part"]], { failAfter: true }) });

    expect(unsent).toEqual([
      {
        type: "error",
        error: {
          code: "upstream_unavailable",
          message: "Could not reach the server at 127.0.0.1:1234. Check the base URL and that the server is running.",
        },
      },
    ]);
    expect(cut).toEqual([
      { type: "text-delta", text: "Part" },
      {
        type: "error",
        error: {
          code: "upstream_protocol",
          message: "The connection to 127.0.0.1:1234 was lost before the reply finished.",
        },
      },
    ]);
  });

  it("passes on an error response read by hand, unless our signal aborted meanwhile", async () => {
    const error: LlmError = {
      code: "auth_failed",
      message: "The server at 127.0.0.1:1234 refused the API key (401).",
      status: 401,
    };
    const aborted = new AbortController();
    aborted.abort();

    expect(await run({ send: () => Promise.resolve({ error }) })).toEqual([{ type: "error", error }]);
    expect(await run({ send: () => Promise.resolve({ error }), signal: aborted.signal })).toEqual([]);
  });

  it("ends quietly when our signal aborted: no truncation error, no finish", async () => {
    const controller = new AbortController();
    const events = await run({
      signal: controller.signal,
      batches: async function* () {
        yield ["Hi"];
        controller.abort();
      },
      finishReason: () => null,
    });

    expect(events).toEqual([{ type: "text-delta", text: "Hi" }]);
  });
});
