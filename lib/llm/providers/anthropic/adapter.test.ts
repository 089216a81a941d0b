import { describe, expect, it } from "vitest";
import { anthropicAdapter } from "@/lib/llm/providers/anthropic/adapter";
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
import type { GenerationParams, LlmEvent, ProviderConnection, StreamRequest } from "@/lib/llm/types";

const API_KEY = "sk-ant-api03-0123456789abcdef";
const SSE = { "Content-Type": "text/event-stream" };

const serve = fixtureServerPerTest();

function connection(target: FixtureServer): ProviderConnection {
  return { provider: "anthropic", baseUrl: target.origin, apiKey: API_KEY, model: "claude-sonnet-4", extraHeaders: {} };
}

function request(target: FixtureServer, params: GenerationParams = {}): StreamRequest {
  return {
    connection: connection(target),
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello." },
      { role: "user", content: "GCD of 1071 and 462?" },
    ],
    params,
  };
}

function stream(streamRequest: StreamRequest, signal: AbortSignal = new AbortController().signal): Promise<LlmEvent[]> {
  return collectEvents(anthropicAdapter.stream(streamRequest, callOptions(signal)));
}

function errorOf(events: LlmEvent[]) {
  const last = events.at(-1);
  if (last?.type !== "error") throw new Error(`expected an error event last, got ${JSON.stringify(events)}`);
  return last.error;
}

function sentBody(target: FixtureServer): Record<string, unknown> {
  return JSON.parse(target.requests[0]?.body ?? "{}") as Record<string, unknown>;
}

describe("Anthropic adapter over real HTTP", () => {
  it("streams text with usage from message_start and message_delta, ignoring pings", async () => {
    const bytes = readFixture("anthropic-messages-text.sse");
    const target = await serve({ headers: SSE, packets: splitBytes(bytes, [7, 120, 400, 650, 900]) });

    const events = await stream(request(target, { temperature: 0.2, stop: ["###"] }));

    expect(events).toEqual([
      {
        type: "usage",
        usage: {
          promptTokens: 25,
          completionTokens: null,
          reasoningTokens: null,
          cachedTokens: null,
          totalTokens: null,
        },
      },
      { type: "text-delta", text: "Hello" },
      { type: "text-delta", text: "!" },
      {
        type: "usage",
        usage: { promptTokens: 25, completionTokens: 15, reasoningTokens: null, cachedTokens: null, totalTokens: 40 },
      },
      { type: "finish", finishReason: "stop" },
    ]);
    const sent = target.requests[0];
    expect(sent?.path).toBe("/v1/messages");
    expect(sent?.headers["x-api-key"]).toBe(API_KEY);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sentBody(target)).toEqual({
      model: "claude-sonnet-4",
      max_tokens: 4096,
      system: "Be brief.",
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello." },
        { role: "user", content: "GCD of 1071 and 462?" },
      ],
      stop_sequences: ["###"],
      temperature: 0.2,
      stream: true,
    });
  });

  it("separates thinking from text across a split multi-byte character and a split CRLF", async () => {
    const bytes = withCrlf(readFixture("anthropic-messages-thinking.sse"));
    const target = await serve({
      headers: SSE,
      packets: splitBytes(bytes, [offsetInsideCrlf(bytes), offsetInside(bytes, "×"), 900]),
    });

    const events = await stream(request(target, { reasoning: { budgetTokens: 2000 }, temperature: 0.7, topP: 0.5 }));

    expect(joinedText(events, "reasoning-delta")).toBe(
      "I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n1071 = 2 × 462 + 147\nThe remainder is 0, so GCD(1071, 462) = 21.",
    );
    expect(joinedText(events, "text-delta")).toBe("The greatest common divisor of 1071 and 462 is **21**.");
    expect(events.filter((event) => event.type === "usage")).toEqual([]);
    expect(events.at(-1)).toEqual({ type: "finish", finishReason: "stop" });
    const body = sentBody(target);
    expect(body.thinking).toEqual({ type: "enabled", budget_tokens: 2000, display: "summarized" });
    expect(body.max_tokens).toBe(6096);
    expect(body.temperature).toBeUndefined();
    expect(body.top_p).toBeUndefined();
  });

  it("adds the thinking budget to an explicit max tokens, so the budget always fits", async () => {
    const target = await serve({ headers: SSE, packets: [readFixture("anthropic-messages-text.sse")] });

    await stream(request(target, { reasoning: { budgetTokens: 1024 }, maxTokens: 1024 }));

    expect(sentBody(target)).toMatchObject({ max_tokens: 2048, thinking: { type: "enabled", budget_tokens: 1024 } });
  });

  it("maps tool_use to tool_calls and ignores input_json deltas", async () => {
    const target = await serve({ headers: SSE, packets: [readFixture("anthropic-messages-tool-use.sse")] });

    const events = await stream(request(target));

    expect(joinedText(events, "text-delta")).toBe("Okay");
    expect(events.slice(-2)).toEqual([
      {
        type: "usage",
        usage: { promptTokens: 472, completionTokens: 89, reasoningTokens: null, cachedTokens: null, totalTokens: 561 },
      },
      { type: "finish", finishReason: "tool_calls" },
    ]);
  });

  it("maps a mid-stream overloaded_error to upstream_unavailable after the partial text", async () => {
    const target = await serve({
      headers: SSE,
      packets: splitBytes(readFixture("anthropic-messages-midstream-error.sse"), [300]),
    });

    const events = await stream(request(target));

    expect(joinedText(events, "text-delta")).toBe("Hel");
    expect(errorOf(events)).toEqual({
      code: "upstream_unavailable",
      message: "Anthropic is unavailable: Overloaded. Try again later.",
    });
  });

  it("reads JSON padded with spaces, counts cached input, and reports a stream without message_stop as truncated", async () => {
    const target = await serve({ headers: SSE, packets: [readFixture("anthropic-padded-whitespace.sse")] });

    const events = await stream(request(target));

    expect(events).toEqual([
      {
        type: "usage",
        usage: { promptTokens: 423, completionTokens: null, reasoningTokens: null, cachedTokens: 0, totalTokens: null },
      },
      { type: "reasoning-delta", text: "The user is asking for" },
      {
        type: "error",
        error: { code: "upstream_protocol", message: "Anthropic closed the stream before finishing the reply." },
      },
    ]);
  });

  it.each([
    { status: 401, type: "authentication_error", code: "auth_failed" },
    { status: 404, type: "not_found_error", code: "model_not_found" },
    { status: 429, type: "rate_limit_error", code: "rate_limited" },
    { status: 529, type: "overloaded_error", code: "upstream_unavailable" },
    { status: 400, type: "invalid_request_error", code: "invalid_request" },
  ])("maps HTTP $status ($type) to $code without retrying", async ({ status, type, code }) => {
    const target = await serve({
      status,
      headers: { "Content-Type": "application/json", "retry-after": "12" },
      packets: [
        JSON.stringify({
          type: "error",
          error: { type, message: `max_tokens: must be at most 64000 (key ${API_KEY})` },
        }),
      ],
    });

    const error = errorOf(await stream(request(target)));

    expect(error).toMatchObject({ code, status });
    expect(error.message).not.toContain(API_KEY);
    if (code === "rate_limited") expect(error.retryAfterSeconds).toBe(12);
    if (code === "invalid_request")
      expect(error.message).toBe(
        "Anthropic rejected the request (400): max_tokens: must be at most 64000 (key [redacted]).",
      );
    expect(target.requests).toHaveLength(1);
  });

  it("aborting mid-stream ends the events quietly and closes the server's connection within 1 s", async () => {
    const bytes = readFixture("anthropic-messages-text.sse");
    const target = await serve({
      headers: SSE,
      packets: [bytes.subarray(0, bytes.indexOf("event: content_block_delta", bytes.indexOf('"Hello"')))],
      holdOpen: true,
    });
    const controller = new AbortController();
    const events: LlmEvent[] = [];

    for await (const event of anthropicAdapter.stream(request(target), callOptions(controller.signal))) {
      events.push(event);
      if (event.type === "text-delta") {
        controller.abort();
        const abortedAt = performance.now();
        expect((await target.waitForClientClose(0, 1000)) - abortedAt).toBeLessThan(1000);
      }
    }

    expect(events.map((event) => event.type)).toEqual(["usage", "text-delta"]);
  });

  it("lists models from /v1/models", async () => {
    const target = await serve({
      headers: { "Content-Type": "application/json" },
      packets: [
        '{"data":[{"type":"model","id":"claude-sonnet-4","display_name":"Claude Sonnet 4","created_at":"2025-05-14T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4","last_id":"claude-sonnet-4"}',
      ],
    });

    const models = await anthropicAdapter.listModels(connection(target), callOptions());

    expect(models).toEqual([{ id: "claude-sonnet-4", name: "Claude Sonnet 4" }]);
    expect(target.requests[0]?.path).toMatch(/^\/v1\/models\?limit=100/);
    expect(target.requests[0]?.headers["x-api-key"]).toBe(API_KEY);
  });
});
