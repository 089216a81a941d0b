import { describe, expect, it } from "vitest";
import { LlmRequestError } from "@/lib/llm/errors";
import { geminiAdapter } from "@/lib/llm/providers/gemini/adapter";
import {
  callOptions,
  collectEvents,
  fixtureServerPerTest,
  joinedText,
  offsetInside,
  offsetInsideCrlf,
  readFixture,
  splitBytes,
  type FixtureServer,
} from "@/lib/llm/testing/fixture-server";
import type { GenerationParams, LlmEvent, ProviderConnection, StreamRequest } from "@/lib/llm/types";

const API_KEY = "AIzaSyTest0123456789abcdefGHIJ";
const SSE = { "Content-Type": "text/event-stream" };
const JSON_HEADERS = { "Content-Type": "application/json; charset=UTF-8" };

const serve = fixtureServerPerTest();

function connection(target: FixtureServer, overrides: Partial<ProviderConnection> = {}): ProviderConnection {
  return {
    provider: "gemini",
    baseUrl: target.origin,
    apiKey: API_KEY,
    model: "gemini-2.5-flash",
    extraHeaders: {},
    ...overrides,
  };
}

function request(target: FixtureServer, params: GenerationParams = {}, overrides: Partial<ProviderConnection> = {}) {
  const streamRequest: StreamRequest = {
    connection: connection(target, overrides),
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello." },
      { role: "user", content: "How many r in strawberry?" },
    ],
    params,
  };
  return streamRequest;
}

function stream(streamRequest: StreamRequest, signal: AbortSignal = new AbortController().signal): Promise<LlmEvent[]> {
  return collectEvents(geminiAdapter.stream(streamRequest, callOptions(signal)));
}

function errorOf(events: LlmEvent[]) {
  const last = events.at(-1);
  if (last?.type !== "error") throw new Error(`expected an error event last, got ${JSON.stringify(events)}`);
  return last.error;
}

function usages(events: LlmEvent[]) {
  return events.flatMap((event) => (event.type === "usage" ? [event.usage] : []));
}

function sentBody(target: FixtureServer): Record<string, unknown> {
  return JSON.parse(target.requests[0]?.body ?? "{}") as Record<string, unknown>;
}

describe("Gemini adapter over real HTTP", () => {
  it("streams thoughts as reasoning and the answer as text, with usage normalised, across split packets", async () => {
    const bytes = readFixture("gemini-stream-thinking-crlf.sse");
    const target = await serve({
      headers: SSE,
      packets: splitBytes(bytes, [9, offsetInsideCrlf(bytes), 700, offsetInside(bytes, "✓")]),
    });

    const events = await stream(
      request(target, {
        temperature: 0.3,
        topP: 0.9,
        maxTokens: 256,
        stop: ["###"],
        reasoning: { budgetTokens: 2048 },
      }),
    );

    expect(joinedText(events, "reasoning-delta")).toBe(
      '**Counting the letters**\n\nI\'m spelling out "strawberry" and marking each r.\n\n\n' +
        "**Checking the count**\n\nThere is one r after the t and two before the y: three in all.\n\n\n",
    );
    expect(joinedText(events, "text-delta")).toBe('There are **3** "r"s in strawberry: st**r**awbe**rr**y. Grüße ✓');
    expect(events.findIndex((event) => event.type === "text-delta")).toBeGreaterThan(
      events.findIndex((event) => event.type === "reasoning-delta"),
    );
    expect(usages(events)).toEqual([
      { promptTokens: 9, completionTokens: null, reasoningTokens: null, cachedTokens: null, totalTokens: null },
      { promptTokens: 9, completionTokens: 78, reasoningTokens: 64, cachedTokens: 4, totalTokens: 87 },
    ]);
    expect(events.at(-1)).toEqual({ type: "finish", finishReason: "stop" });

    const sent = target.requests[0];
    expect(sent?.method).toBe("POST");
    expect(sent?.path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    expect(sent?.headers["x-goog-api-key"]).toBe(API_KEY);
    expect(sent?.headers.authorization).toBeUndefined();
    const body = sentBody(target);
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "Hi" }] },
      { role: "model", parts: [{ text: "Hello." }] },
      { role: "user", parts: [{ text: "How many r in strawberry?" }] },
    ]);
    expect(body.systemInstruction).toMatchObject({ parts: [{ text: "Be brief." }] });
    expect(body.generationConfig).toEqual({
      temperature: 0.3,
      topP: 0.9,
      stopSequences: ["###"],
      maxOutputTokens: 256 + 2048,
      thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
    });
  });

  it("sends no thinkingConfig unless a budget is set, and maps MAX_TOKENS to length", async () => {
    const target = await serve({ headers: SSE, packets: [readFixture("gemini-stream-text-crlf.sse")] });

    const events = await stream(request(target, { maxTokens: 11 }, { model: "gemini-2.0-flash" }));

    expect(joinedText(events, "text-delta")).toBe("Hello there! How can I help you today?\n");
    expect(usages(events).at(-1)).toEqual({
      promptTokens: 5,
      completionTokens: 11,
      reasoningTokens: null,
      cachedTokens: null,
      totalTokens: 16,
    });
    expect(events.at(-1)).toEqual({ type: "finish", finishReason: "length" });
    expect(sentBody(target).generationConfig).toEqual({ maxOutputTokens: 11 });
  });

  it("maps an error event inside the stream, after the text and usage so far", async () => {
    const target = await serve({ headers: SSE, packets: [readFixture("gemini-stream-midstream-error-crlf.sse")] });

    const events = await stream(request(target));

    expect(joinedText(events, "text-delta")).toBe("Hello");
    expect(events.at(-2)).toMatchObject({ type: "usage", usage: { promptTokens: 5, completionTokens: 1 } });
    const error = errorOf(events);
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toBe(
      "Google Gemini is unavailable: This model is currently experiencing high demand. Spikes in demand are usually temporary. Please try again later. Try again later.",
    );
  });

  it("ends a SAFETY stop and a blocked prompt as content_filter", async () => {
    const safety = await serve({ headers: SSE, packets: [readFixture("gemini-stream-safety-crlf.sse")] });
    expect((await stream(request(safety))).at(-1)).toEqual({ type: "finish", finishReason: "content_filter" });

    const blocked = await serve({ headers: SSE, packets: [readFixture("gemini-stream-prompt-blocked-crlf.sse")] });
    const events = await stream(request(blocked));
    expect(events.filter((event) => event.type === "text-delta")).toEqual([]);
    expect(usages(events).at(-1)).toEqual({
      promptTokens: 9,
      completionTokens: null,
      reasoningTokens: null,
      cachedTokens: null,
      totalTokens: 9,
    });
    expect(events.at(-1)).toEqual({ type: "finish", finishReason: "content_filter" });
  });

  it("reports a stream cut before finishReason as truncated, and a non-JSON event as unreadable", async () => {
    const bytes = readFixture("gemini-stream-thinking-crlf.sse").toString("utf8");
    const firstTwo = bytes.split("\r\n\r\n").slice(0, 2).join("\r\n\r\n") + "\r\n\r\n";
    const cut = await serve({ headers: SSE, packets: [firstTwo] });
    expect(errorOf(await stream(request(cut)))).toEqual({
      code: "upstream_protocol",
      message: "Google Gemini closed the stream before finishing the reply.",
    });

    const garbled = await serve({ headers: SSE, packets: ['data: {"candidates": [{"content\r\n\r\n'] });
    expect(errorOf(await stream(request(garbled))).message).toBe(
      "Google Gemini sent a stream that could not be read: an event was not valid JSON.",
    );
  });

  it("reads a refused key from its 400 API_KEY_INVALID and the wait of a 429 from RetryInfo", async () => {
    const refused = await serve({
      status: 400,
      headers: JSON_HEADERS,
      packets: [readFixture("gemini-http-error-invalid-key.json")],
    });
    expect(errorOf(await stream(request(refused)))).toEqual({
      code: "auth_failed",
      status: 400,
      message: "Google Gemini refused the API key (400). Edit the configuration's API key.",
    });
    expect(refused.requests).toHaveLength(1);

    const limited = await serve({
      status: 429,
      headers: JSON_HEADERS,
      packets: [readFixture("gemini-http-error-429.json")],
    });
    expect(errorOf(await stream(request(limited)))).toEqual({
      code: "rate_limited",
      status: 429,
      retryAfterSeconds: 35,
      message: "Google Gemini is rate-limiting requests (429). Try again in 35 s.",
    });
    // No SDK retries.
    expect(limited.requests).toHaveLength(1);
  });

  it("maps a missing model and a server error in Google's words", async () => {
    const missing = await serve({
      status: 404,
      headers: JSON_HEADERS,
      packets: [
        '{\n  "error": {\n    "code": 404,\n    "message": "models/gemini-9 is not found for API version v1beta.",\n    "status": "NOT_FOUND"\n  }\n}\n',
      ],
    });
    const error = errorOf(await stream(request(missing, {}, { model: "gemini-9" })));
    expect(error).toMatchObject({ code: "model_not_found", status: 404 });
    expect(error.message).toContain('Google Gemini has no model "gemini-9" (404)');

    const broken = await serve({
      status: 500,
      headers: { "Content-Type": "text/html" },
      packets: ["<html>oops</html>"],
    });
    expect(errorOf(await stream(request(broken)))).toMatchObject({ code: "upstream_unavailable", status: 500 });
  });

  it("asks for a key instead of sending a request without one; a key in the extra headers is used as is", async () => {
    const target = await serve({ headers: SSE, packets: [readFixture("gemini-stream-text-crlf.sse")] });
    expect(errorOf(await stream(request(target, {}, { apiKey: null })))).toEqual({
      code: "auth_failed",
      message: "Google Gemini requires an API key. Add one to the configuration.",
    });
    expect(target.requests).toHaveLength(0);

    const events = await stream(
      request(target, {}, { apiKey: null, extraHeaders: { "X-Goog-Api-Key": "AIzaFromHeader1234" } }),
    );
    expect(events.at(-1)).toEqual({ type: "finish", finishReason: "length" });
    expect(target.requests[0]?.headers["x-goog-api-key"]).toBe("AIzaFromHeader1234");
  });

  it("aborting mid-stream ends the events quietly and closes the server's connection within 1 s", async () => {
    const bytes = readFixture("gemini-stream-thinking-crlf.sse").toString("utf8");
    const first = bytes.split("\r\n\r\n")[0] + "\r\n\r\n";
    const target = await serve({ headers: SSE, packets: [first], holdOpen: true });
    const controller = new AbortController();
    const events: LlmEvent[] = [];
    for await (const event of geminiAdapter.stream(request(target), callOptions(controller.signal))) {
      events.push(event);
      if (event.type === "reasoning-delta") {
        controller.abort();
        const abortedAt = performance.now();
        expect((await target.waitForClientClose(0, 1000)) - abortedAt).toBeLessThan(1000);
      }
    }
    expect(events.some((event) => event.type === "error" || event.type === "finish")).toBe(false);
  });
});

describe("Gemini model list", () => {
  it("lists every page, keeps the models that can generateContent and drops the models/ prefix", async () => {
    const lastPage =
      '{\n  "models": [\n    {\n      "name": "models/gemini-2.5-pro",\n      "displayName": "Gemini 2.5 Pro",\n      "supportedGenerationMethods": ["generateContent"]\n    }\n  ]\n}\n';
    const target = await serve((path) => ({
      headers: JSON_HEADERS,
      packets: [path.includes("pageToken=") ? lastPage : readFixture("gemini-models.json")],
    }));

    const models = await geminiAdapter.listModels(connection(target), callOptions());

    expect(models).toEqual([
      { id: "gemini-2.5-flash", name: "Gemini 2.5 Flash" },
      { id: "gemini-2.0-flash", name: "Gemini 2.0 Flash" },
      { id: "gemini-2.5-pro", name: "Gemini 2.5 Pro" },
    ]);
    expect(target.requests.map((sent) => sent.path)).toEqual([
      "/v1beta/models?pageSize=1000",
      "/v1beta/models?pageSize=1000&pageToken=Chdtb2RlbHMvZ2VtaW5pLTIuMC1mbGFzaA%3D%3D",
    ]);
    expect(target.requests[0]?.headers["x-goog-api-key"]).toBe(API_KEY);
  });

  it("throws an LlmRequestError: the refused key as auth_failed, a 404 as no model list at that URL", async () => {
    const refused = await serve({
      status: 400,
      headers: JSON_HEADERS,
      packets: [readFixture("gemini-http-error-invalid-key.json")],
    });
    const failure = await geminiAdapter.listModels(connection(refused), callOptions()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LlmRequestError);
    expect(failure).toMatchObject({ llmError: { code: "auth_failed", status: 400 } });

    const nowhere = await serve({ status: 404, headers: { "Content-Type": "text/plain" }, packets: ["Not Found"] });
    const missing = await geminiAdapter.listModels(connection(nowhere), callOptions()).catch((error: unknown) => error);
    expect(missing).toMatchObject({
      llmError: {
        code: "upstream_error",
        message: `Google Gemini has no model list at ${nowhere.origin}/v1beta/models (404). Check the base URL.`,
      },
    });
  });
});
