import { describe, expect, it } from "vitest";
import { adapterFor } from "@/lib/llm/registry";
import {
  callOptions,
  collectEvents,
  fixtureServerPerTest,
  joinedText,
  offsetInside,
  offsetInsideCrlf,
  readFixture,
  splitBytes,
  withCrlf,
  type FixtureServer,
} from "@/lib/llm/testing/fixture-server";
import type { LlmEvent, ProviderConnection, StreamRequest } from "@/lib/llm/types";
import type { ProviderName } from "@/lib/llm/providers/catalog";

const API_KEY = "sk-test-0123456789abcdef";
const SSE = { "Content-Type": "text/event-stream" };

const serve = fixtureServerPerTest();

function connection(target: FixtureServer, overrides: Partial<ProviderConnection> = {}): ProviderConnection {
  return {
    provider: "openai",
    baseUrl: `${target.origin}/v1`,
    apiKey: API_KEY,
    model: "gpt-4o",
    extraHeaders: {},
    ...overrides,
  };
}

function request(
  target: FixtureServer,
  overrides: Partial<StreamRequest> & { provider?: ProviderName; apiKey?: string | null } = {},
): StreamRequest {
  const { provider = "openai", apiKey = API_KEY, ...rest } = overrides;
  return {
    connection: connection(target, { provider, apiKey }),
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Say hello" },
    ],
    params: {},
    ...rest,
  };
}

function stream(streamRequest: StreamRequest, signal: AbortSignal = new AbortController().signal): Promise<LlmEvent[]> {
  return collectEvents(adapterFor(streamRequest.connection.provider).stream(streamRequest, callOptions(signal)));
}

function errorOf(events: LlmEvent[]) {
  const last = events.at(-1);
  if (last?.type !== "error") throw new Error(`expected an error event last, got ${JSON.stringify(events)}`);
  return last.error;
}

describe("OpenAI-compatible adapter over real HTTP", () => {
  it("reassembles the text, reports usage, then finishes (fixture in seven packets)", async () => {
    const bytes = readFixture("openai-chat-text.sse");
    const target = await serve({ headers: SSE, packets: splitBytes(bytes, [10, 200, 333, 600, 900, 1400]) });

    const events = await stream(
      request(target, {
        params: { temperature: 0.3, maxTokens: 50, topP: 0.9, stop: ["END"], reasoning: { effort: "low" } },
      }),
    );

    expect(events).toEqual([
      { type: "text-delta", text: "Hello" },
      { type: "text-delta", text: " world" },
      {
        type: "usage",
        usage: { promptTokens: 17, completionTokens: 10, reasoningTokens: 0, cachedTokens: 0, totalTokens: 27 },
      },
      { type: "finish", finishReason: "stop" },
    ]);
    const sent = target.requests[0];
    expect(sent?.path).toBe("/v1/chat/completions");
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(sent?.body ?? "{}")).toMatchObject({
      model: "gpt-4o",
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      top_p: 0.9,
      stop: ["END"],
      max_completion_tokens: 50,
      reasoning_effort: "low",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Say hello" },
      ],
    });
  });

  it("keeps a multi-byte character split across packets and a CRLF split between CR and LF", async () => {
    const crlf = withCrlf(
      Buffer.from(readFixture("openai-chat-text.sse").toString("utf8").replace('"Hello"', '"Héllo 😀"'), "utf8"),
    );
    const target = await serve({
      headers: SSE,
      packets: splitBytes(crlf, [
        offsetInsideCrlf(crlf),
        offsetInside(crlf, "é"),
        offsetInside(crlf, "😀"),
        offsetInside(crlf, "😀") + 2,
      ]),
    });

    const events = await stream(request(target));

    expect(joinedText(events, "text-delta")).toBe("Héllo 😀 world");
    expect(events.at(-1)).toEqual({ type: "finish", finishReason: "stop" });
  });

  it("reads a stream whose lines end in a lone CR", async () => {
    const crOnly = Buffer.from(readFixture("openai-chat-text.sse").toString("utf8").replace(/\n/g, "\r"), "utf8");
    const target = await serve({ headers: SSE, packets: splitBytes(crOnly, [250, 251, 700]) });

    const events = await stream(request(target));

    expect(joinedText(events, "text-delta")).toBe("Hello world");
    expect(events.at(-1)).toEqual({ type: "finish", finishReason: "stop" });
  });

  it("maps tool_calls and reads cached tokens from the usage-only chunk", async () => {
    const target = await serve({ headers: SSE, packets: [readFixture("openai-chat-tools.sse")] });

    const events = await stream(request(target));

    expect(events).toEqual([
      {
        type: "usage",
        usage: { promptTokens: 80, completionTokens: 17, reasoningTokens: 0, cachedTokens: 64, totalTokens: 97 },
      },
      { type: "finish", finishReason: "tool_calls" },
    ]);
  });

  it("turns a mid-stream error into an error event after the partial text", async () => {
    const target = await serve({
      headers: SSE,
      packets: splitBytes(readFixture("openai-chat-error-midstream.sse"), [400]),
    });

    const events = await stream(request(target));

    expect(joinedText(events, "text-delta")).toBe("Partial");
    const error = errorOf(events);
    expect(error.code).toBe("upstream_error");
    expect(error.message).toContain("The server had an error processing your request");
    expect(events.some((event) => event.type === "finish")).toBe(false);
  });

  it("reports a stream that ends without finish_reason as truncated", async () => {
    const bytes = readFixture("openai-chat-text.sse");
    const cut = bytes.indexOf(
      'data: {"id":"chatcmpl-9tZXFsqeQOozn5YU8I6SbjkmDnN76","object":"chat.completion.chunk","created":1723031665,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_845eaabc1f","choices":[{"index":0,"delta":{},',
    );
    expect(cut).toBeGreaterThan(0);
    const target = await serve({ headers: SSE, packets: [bytes.subarray(0, cut)] });

    const events = await stream(request(target));

    expect(joinedText(events, "text-delta")).toBe("Hello world");
    expect(errorOf(events)).toEqual({
      code: "upstream_protocol",
      message: "OpenAI closed the stream before finishing the reply.",
    });
  });

  it("talks to a keyless local server without an Authorization header, with max_tokens, and reads delta.reasoning", async () => {
    const target = await serve({
      headers: SSE,
      packets: splitBytes(readFixture("ollama-openai-compat.sse"), [100, 300]),
    });

    const events = await stream(request(target, { provider: "local", apiKey: null, params: { maxTokens: 64 } }));

    expect(events).toEqual([
      { type: "reasoning-delta", text: "Okay" },
      { type: "text-delta", text: "391" },
      {
        type: "usage",
        usage: { promptTokens: 26, completionTokens: 282, reasoningTokens: null, cachedTokens: null, totalTokens: 308 },
      },
      { type: "finish", finishReason: "stop" },
    ]);
    const sent = target.requests[0];
    expect(sent?.headers.authorization).toBeUndefined();
    const body = JSON.parse(sent?.body ?? "{}") as Record<string, unknown>;
    expect(body.max_tokens).toBe(64);
    expect(body.max_completion_tokens).toBeUndefined();
  });

  it("sends a configuration's extra headers", async () => {
    const target = await serve({ headers: SSE, packets: [readFixture("openai-chat-text.sse")] });

    await stream({
      ...request(target),
      connection: connection(target, { provider: "custom", extraHeaders: { "X-Team": "blue" } }),
    });

    expect(target.requests[0]?.headers["x-team"]).toBe("blue");
  });

  it("treats a usage object of nulls as unknown and ignores accepted_prediction_tokens", async () => {
    const chunk = (payload: object) => `data: ${JSON.stringify(payload)}\n\n`;
    const base = { id: "c1", object: "chat.completion.chunk", created: 1, model: "qwen" };
    const body =
      chunk({
        ...base,
        choices: [{ index: 0, delta: { role: "assistant", content: null }, finish_reason: null }],
        usage: null,
      }) +
      chunk({ ...base, choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: "length" }] }) +
      chunk({
        ...base,
        choices: [],
        usage: {
          prompt_tokens: null,
          completion_tokens: null,
          total_tokens: null,
          prompt_tokens_details: null,
          completion_tokens_details: null,
        },
      }) +
      chunk({
        ...base,
        choices: [],
        usage: {
          prompt_tokens: 9,
          completion_tokens: 1,
          prompt_tokens_details: { cached_tokens: null },
          completion_tokens_details: { reasoning_tokens: null, accepted_prediction_tokens: 3 },
        },
      }) +
      "data: [DONE]\n\n";
    const target = await serve({ headers: SSE, packets: [body] });

    const events = await stream(request(target, { provider: "custom" }));

    expect(events).toEqual([
      { type: "text-delta", text: "Hi" },
      {
        type: "usage",
        usage: { promptTokens: 9, completionTokens: 1, reasoningTokens: null, cachedTokens: null, totalTokens: 10 },
      },
      { type: "finish", finishReason: "length" },
    ]);
  });

  it.each([
    {
      status: 401,
      body: {
        error: {
          message: `Incorrect API key provided: ${API_KEY}`,
          type: "invalid_request_error",
          code: "invalid_api_key",
        },
      },
      code: "auth_failed",
      says: "refused the API key (401). Edit the configuration's API key.",
    },
    {
      status: 404,
      body: {
        error: { message: "The model `gpt-9` does not exist", type: "invalid_request_error", code: "model_not_found" },
      },
      code: "model_not_found",
      says: 'has no model "gpt-4o" (404)',
    },
    {
      status: 400,
      body: { error: { message: "  temperature must be\n at most 2  ", type: "invalid_request_error" } },
      code: "invalid_request",
      says: "rejected the request (400): temperature must be at most 2.",
    },
    {
      status: 429,
      body: {
        error: { message: "You exceeded your current quota", type: "insufficient_quota", code: "insufficient_quota" },
      },
      code: "payment_required",
      says: "insufficient credits",
    },
    {
      status: 500,
      body: { error: { message: "boom", type: "server_error" } },
      code: "upstream_unavailable",
      says: "OpenAI is unavailable (500)",
    },
  ])("maps HTTP $status to $code, once, without retrying or echoing the key", async ({ status, body, code, says }) => {
    const target = await serve({
      status,
      headers: { "Content-Type": "application/json" },
      packets: [JSON.stringify(body)],
    });

    const events = await stream(request(target));

    expect(events).toHaveLength(1);
    const error = errorOf(events);
    expect(error).toMatchObject({ code, status });
    expect(error.message).toContain(says);
    expect(error.message).not.toContain(API_KEY);
    expect(target.requests).toHaveLength(1);
  });

  it("maps 429 to rate_limited with retry-after", async () => {
    const target = await serve({
      status: 429,
      headers: { "Content-Type": "application/json", "Retry-After": "7" },
      packets: ['{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}'],
    });

    const error = errorOf(await stream(request(target)));

    expect(error).toMatchObject({ code: "rate_limited", status: 429, retryAfterSeconds: 7 });
    expect(error.message).toBe("OpenAI is rate-limiting requests (429). Try again in 7 s.");
    expect(target.requests).toHaveLength(1);
  });

  it("reports a refused connection as upstream_unavailable naming the host", async () => {
    const target = await serve({ packets: [] });
    const origin = target.origin;
    await target.close();

    const events = await stream({
      connection: { provider: "local", baseUrl: `${origin}/v1`, apiKey: null, model: "m", extraHeaders: {} },
      messages: [{ role: "user", content: "Hi" }],
      params: {},
    });

    const error = errorOf(events);
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toBe(
      `Could not reach the server at ${new URL(origin).host}. Check the base URL and that the server is running.`,
    );
  });

  it("aborting mid-stream ends the events quietly and closes the server's connection within 1 s", async () => {
    const bytes = readFixture("openai-chat-text.sse");
    const target = await serve({
      headers: SSE,
      packets: [bytes.subarray(0, bytes.indexOf('"content":" world"') - 80)],
      holdOpen: true,
    });
    const controller = new AbortController();
    const events: LlmEvent[] = [];

    for await (const event of adapterFor("openai").stream(request(target), callOptions(controller.signal))) {
      events.push(event);
      if (event.type === "text-delta") {
        controller.abort();
        const abortedAt = performance.now();
        expect((await target.waitForClientClose(0, 1000)) - abortedAt).toBeLessThan(1000);
      }
    }

    expect(events).toEqual([{ type: "text-delta", text: "Hello" }]);
  });

  it("breaking out of the events closes the server's connection too", async () => {
    const bytes = readFixture("openai-chat-text.sse");
    const target = await serve({
      headers: SSE,
      packets: [bytes.subarray(0, bytes.indexOf('"content":" world"') - 80)],
      holdOpen: true,
    });

    for await (const event of adapterFor("openai").stream(request(target), callOptions())) {
      if (event.type === "text-delta") break;
    }

    await expect(target.waitForClientClose(0, 1000)).resolves.toBeTypeOf("number");
  });

  it("lists models from /models and explains a missing listing", async () => {
    const target = await serve((path) =>
      path === "/v1/models"
        ? {
            headers: { "Content-Type": "application/json" },
            packets: [
              '{"object":"list","data":[{"id":"gpt-4o","object":"model","created":1,"owned_by":"openai"},{"id":"local-model","object":"model"},{"bad":true}]}',
            ],
          }
        : { status: 404, packets: ["Not Found"] },
    );
    const signal = new AbortController().signal;

    await expect(adapterFor("openai").listModels(connection(target), callOptions(signal))).resolves.toEqual([
      { id: "gpt-4o", ownedBy: "openai" },
      { id: "local-model" },
    ]);
    await expect(
      adapterFor("openai").listModels(connection(target, { baseUrl: `${target.origin}/nope` }), callOptions(signal)),
    ).rejects.toMatchObject({
      name: "LlmRequestError",
      llmError: {
        code: "upstream_error",
        status: 404,
        message: expect.stringContaining("has no model list at") as unknown,
      },
    });
  });
});
