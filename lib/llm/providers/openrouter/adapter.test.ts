import { describe, expect, it } from "vitest";
import { openRouterAdapter } from "@/lib/llm/providers/openrouter/adapter";
import {
  callOptions,
  collectEvents,
  fixtureServerPerTest,
  joinedText,
  readFixture,
  splitBytes,
  type FixtureServer,
} from "@/lib/llm/testing/fixture-server";
import type { GenerationParams, LlmEvent, StreamRequest } from "@/lib/llm/types";

const API_KEY = "sk-or-v1-0123456789abcdef";
const SSE = { "Content-Type": "text/event-stream" };

const serve = fixtureServerPerTest();

function request(target: FixtureServer, params: GenerationParams = {}): StreamRequest {
  return {
    connection: {
      provider: "openrouter",
      baseUrl: `${target.origin}/api/v1`,
      apiKey: API_KEY,
      model: "anthropic/claude-3.7-sonnet",
      extraHeaders: {},
    },
    messages: [{ role: "user", content: "Hello?" }],
    params,
  };
}

function stream(streamRequest: StreamRequest): Promise<LlmEvent[]> {
  return collectEvents(openRouterAdapter.stream(streamRequest, callOptions()));
}

function errorOf(events: LlmEvent[]) {
  const last = events.at(-1);
  if (last?.type !== "error") throw new Error(`expected an error event last, got ${JSON.stringify(events)}`);
  return last.error;
}

describe("OpenRouter adapter over real HTTP", () => {
  it("skips ': OPENROUTER PROCESSING' comments, separates reasoning once, and reads the final usage", async () => {
    const bytes = readFixture("openrouter-chat-reasoning-usage.sse");
    const target = await serve({ headers: SSE, packets: splitBytes(bytes, [5, 30, 60, 500, 1000, 1500]) });

    const events = await stream(request(target, { reasoning: { effort: "high" }, maxTokens: 100 }));

    expect(events).toEqual([
      { type: "reasoning-delta", text: "Let me think" },
      { type: "text-delta", text: "Hello" },
      {
        type: "usage",
        usage: { promptTokens: 194, completionTokens: 2, reasoningTokens: 0, cachedTokens: 0, totalTokens: 196 },
      },
      { type: "finish", finishReason: "stop" },
    ]);
    const sent = target.requests[0];
    expect(sent?.path).toBe("/api/v1/chat/completions");
    expect(sent?.headers["x-openrouter-title"]).toBe("LLM Manager");
    expect(sent?.headers["http-referer"]).toMatch(/^https?:\/\//);
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const body = JSON.parse(sent?.body ?? "{}") as Record<string, unknown>;
    expect(body.reasoning).toEqual({ effort: "high" });
    expect(body.reasoning_effort).toBeUndefined();
    expect(body.max_tokens).toBe(100);
  });

  it("asks for a reasoning token budget when one is given", async () => {
    const target = await serve({ headers: SSE, packets: [readFixture("openrouter-chat-reasoning-usage.sse")] });

    await stream(request(target, { reasoning: { budgetTokens: 2048 } }));

    expect((JSON.parse(target.requests[0]?.body ?? "{}") as Record<string, unknown>).reasoning).toEqual({
      max_tokens: 2048,
    });
  });

  it("reads reasoning from reasoning_details when there is no delta.reasoning", async () => {
    const chunk = (delta: object, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: "gen-1", object: "chat.completion.chunk", created: 1, model: "openai/o3", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const body =
      chunk({
        role: "assistant",
        content: "",
        reasoning_details: [{ type: "reasoning.summary", summary: "Checking the math", index: 0 }],
      }) +
      chunk({ content: "", reasoning_details: [{ type: "reasoning.encrypted", data: "gAAAA...", index: 1 }] }) +
      chunk({ content: "391" }) +
      chunk({}, "stop") +
      "data: [DONE]\n\n";
    const target = await serve({ headers: SSE, packets: [body] });

    const events = await stream(request(target));

    expect(joinedText(events, "reasoning-delta")).toBe("Checking the math");
    expect(joinedText(events, "text-delta")).toBe("391");
    expect(events.at(-1)).toEqual({ type: "finish", finishReason: "stop" });
  });

  it("maps the in-band error chunk (finish_reason error) after the partial text", async () => {
    const target = await serve({
      headers: SSE,
      packets: splitBytes(readFixture("openrouter-chat-midstream-error.sse"), [25, 240]),
    });

    const events = await stream(request(target));

    expect(joinedText(events, "text-delta")).toBe("Half an ans");
    const error = errorOf(events);
    expect(error.code).toBe("upstream_error");
    expect(error.message).toBe("OpenRouter failed while generating the reply: Provider disconnected unexpectedly.");
  });

  it("maps an in-band error chunk whose code is a number", async () => {
    const errorChunk = {
      id: "gen-2",
      object: "chat.completion.chunk",
      created: 1,
      model: "x/y",
      error: { code: 429, message: "Upstream rate limit" },
      choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
    };
    const target = await serve({
      headers: SSE,
      packets: [": OPENROUTER PROCESSING\n\n", `data: ${JSON.stringify(errorChunk)}\n\n`],
    });

    const error = errorOf(await stream(request(target)));

    expect(error).toMatchObject({ code: "rate_limited", status: 429 });
  });

  it.each([
    { status: 429, code: "rate_limited" },
    { status: 402, code: "payment_required" },
    { status: 403, code: "content_refused" },
    { status: 401, code: "auth_failed" },
    { status: 502, code: "upstream_unavailable" },
  ])("maps HTTP $status with OpenRouter's error body to $code", async ({ status, code }) => {
    const body =
      status === 429
        ? readFixture("openrouter-http-error.json")
        : JSON.stringify({ error: { code: status, message: "Something about it" } });
    const target = await serve({
      status,
      headers: { "Content-Type": "application/json", "Retry-After": "3" },
      packets: [body],
    });

    const error = errorOf(await stream(request(target)));

    expect(error).toMatchObject({ code, status });
    expect(error.message.startsWith("OpenRouter ")).toBe(true);
    if (code === "rate_limited") expect(error.retryAfterSeconds).toBe(3);
    expect(target.requests).toHaveLength(1);
  });
});
