import { describe, expect, it } from "vitest";
import { ollamaAdapter } from "@/lib/llm/providers/ollama/adapter";
import {
  callOptions,
  collectEvents,
  fixtureServerPerTest,
  joinedText,
  offsetInside,
  readFixture,
  splitBytes,
  type FixtureServer,
} from "@/lib/llm/testing/fixture-server";
import type { GenerationParams, LlmEvent, ProviderConnection, StreamRequest } from "@/lib/llm/types";

const NDJSON = { "Content-Type": "application/x-ndjson" };

const serve = fixtureServerPerTest();

function connection(target: FixtureServer, apiKey: string | null = null): ProviderConnection {
  return { provider: "ollama", baseUrl: target.origin, apiKey, model: "qwen3", extraHeaders: {} };
}

function request(target: FixtureServer, params: GenerationParams = {}): StreamRequest {
  return { connection: connection(target), messages: [{ role: "user", content: "17 × 23?" }], params };
}

function stream(streamRequest: StreamRequest, signal: AbortSignal = new AbortController().signal): Promise<LlmEvent[]> {
  return collectEvents(ollamaAdapter.stream(streamRequest, callOptions(signal)));
}

function errorOf(events: LlmEvent[]) {
  const last = events.at(-1);
  if (last?.type !== "error") throw new Error(`expected an error event last, got ${JSON.stringify(events)}`);
  return last.error;
}

describe("Ollama adapter over real HTTP", () => {
  it("streams thinking and text line by line across a split multi-byte character, with counts from the done line", async () => {
    const bytes = readFixture("ollama-chat-thinking.ndjson");
    const target = await serve({
      headers: NDJSON,
      packets: splitBytes(bytes, [40, offsetInside(bytes, "×"), 400, 401]),
    });

    const events = await stream(
      request(target, { reasoning: { effort: "high" }, temperature: 0.1, topP: 0.8, maxTokens: 300, stop: ["\n\n"] }),
    );

    expect(events).toEqual([
      { type: "reasoning-delta", text: "Okay, the user" },
      { type: "reasoning-delta", text: " wants 17 × 23." },
      { type: "text-delta", text: "17 × 23 = 391" },
      {
        type: "usage",
        usage: { promptTokens: 26, completionTokens: 282, reasoningTokens: null, cachedTokens: null, totalTokens: 308 },
      },
      { type: "finish", finishReason: "stop" },
    ]);
    const sent = target.requests[0];
    expect(sent?.path).toBe("/api/chat");
    expect(sent?.headers.authorization).toBeUndefined();
    expect(JSON.parse(sent?.body ?? "{}")).toEqual({
      model: "qwen3",
      messages: [{ role: "user", content: "17 × 23?" }],
      stream: true,
      think: "high",
      options: { temperature: 0.1, top_p: 0.8, num_predict: 300, stop: ["\n\n"] },
    });
  });

  it("sends no think field unless reasoning was asked for, and a bearer key when one is set", async () => {
    const target = await serve({ headers: NDJSON, packets: [readFixture("ollama-chat-thinking.ndjson")] });

    await stream({ ...request(target), connection: connection(target, "ollama-key-123456") });

    expect(JSON.parse(target.requests[0]?.body ?? "{}")).not.toHaveProperty("think");
    expect(target.requests[0]?.headers.authorization).toBe("Bearer ollama-key-123456");
  });

  it("reads /api/generate-shaped lines (response, thinking) as a chat reply", async () => {
    const target = await serve({ headers: NDJSON, packets: [readFixture("ollama-generate-thinking.ndjson")] });

    const events = await stream(request(target));

    expect(events.filter((event) => event.type !== "usage")).toEqual([
      { type: "reasoning-delta", text: "Okay" },
      { type: "text-delta", text: "391" },
      { type: "finish", finishReason: "stop" },
    ]);
  });

  it("maps done_reason into the unified finish reasons, a word it does not know to other", async () => {
    const line = (doneReason: string) =>
      `{"message":{"role":"assistant","content":"ok"},"done":false}\n{"done":true,"done_reason":"${doneReason}"}\n`;
    const doneReasons = ["length", "unload", ""];
    let served = 0;
    const target = await serve(() => ({ headers: NDJSON, packets: [line(doneReasons[served++] ?? "stop")] }));
    const finishes: unknown[] = [];
    for (let run = 0; run < doneReasons.length; run++) finishes.push((await stream(request(target))).at(-1));

    expect(finishes).toEqual([
      { type: "finish", finishReason: "length" },
      { type: "finish", finishReason: "other" },
      { type: "finish", finishReason: "stop" },
    ]);
  });

  it("turns an error line into an error event after the partial text", async () => {
    const target = await serve({
      headers: NDJSON,
      packets: splitBytes(readFixture("ollama-midstream-error.ndjson"), [90, 170]),
    });

    const events = await stream(request(target));

    expect(joinedText(events, "text-delta")).toBe(" Yes.");
    const error = errorOf(events);
    expect(error.code).toBe("upstream_error");
    expect(error.message).toContain("an error was encountered while running the model");
  });

  it("reports a body that ends without done:true as truncated", async () => {
    const bytes = readFixture("ollama-chat-thinking.ndjson");
    const target = await serve({
      headers: NDJSON,
      packets: [bytes.subarray(0, bytes.lastIndexOf("\n", bytes.indexOf('"done":true')) + 1)],
    });

    const events = await stream(request(target));

    expect(joinedText(events, "text-delta")).toBe("17 × 23 = 391");
    expect(errorOf(events)).toMatchObject({
      code: "upstream_protocol",
      message: expect.stringContaining("closed the stream before finishing") as unknown,
    });
  });

  it("reports a line that is not JSON as a protocol error", async () => {
    const target = await serve({
      headers: NDJSON,
      packets: ['{"message":{"role":"assistant","content":"ok"},"done":false}\n', "<html>proxy error</html>\n"],
    });

    const events = await stream(request(target));

    expect(events[0]).toEqual({ type: "text-delta", text: "ok" });
    expect(errorOf(events).code).toBe("upstream_protocol");
  });

  it("maps an HTTP 404 for an unknown model", async () => {
    const target = await serve({
      status: 404,
      headers: { "Content-Type": "application/json" },
      packets: ['{"error":"model \'qwen3\' not found"}'],
    });

    const events = await stream(request(target));

    expect(events).toHaveLength(1);
    expect(errorOf(events)).toMatchObject({
      code: "model_not_found",
      status: 404,
      message: expect.stringContaining('has no model "qwen3"') as unknown,
    });
  });

  it("maps HTTP 400 for think on a model without thinking, with Ollama's words", async () => {
    const target = await serve({
      status: 400,
      headers: { "Content-Type": "application/json" },
      packets: ['{"error":"\\"llama3.2\\" does not support thinking"}'],
    });

    const error = errorOf(await stream(request(target, { reasoning: { effort: "low" } })));

    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain('"llama3.2" does not support thinking');
  });

  it("relays lines as they arrive; aborting closes the server's connection within 1 s", async () => {
    const bytes = readFixture("ollama-chat-thinking.ndjson");
    const target = await serve({
      headers: NDJSON,
      packets: [bytes.subarray(0, bytes.indexOf("\n") + 1)],
      holdOpen: true,
    });
    const controller = new AbortController();
    const events: LlmEvent[] = [];

    for await (const event of ollamaAdapter.stream(request(target), callOptions(controller.signal))) {
      events.push(event);
      controller.abort();
      const abortedAt = performance.now();
      expect((await target.waitForClientClose(0, 1000)) - abortedAt).toBeLessThan(1000);
    }

    expect(events).toEqual([{ type: "reasoning-delta", text: "Okay, the user" }]);
  });

  it("lists models from /api/tags", async () => {
    const target = await serve({
      headers: { "Content-Type": "application/json" },
      packets: [readFixture("ollama-tags.json")],
    });

    const models = await ollamaAdapter.listModels(connection(target), callOptions());

    expect(models).toEqual([{ id: "llama3.2:latest", name: "llama3.2:latest" }]);
    expect(target.requests[0]?.path).toBe("/api/tags");
  });

  it("explains a server that has no /api/tags", async () => {
    const target = await serve({ status: 404, packets: ["404 page not found"] });

    await expect(ollamaAdapter.listModels(connection(target), callOptions())).rejects.toMatchObject({
      llmError: {
        code: "upstream_error",
        status: 404,
        message: expect.stringContaining("has no model list at") as unknown,
      },
    });
  });
});
