import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { replyText, thinkingText, tokenize } from "./reply";
import { fixture, parseSse, post, readSse, simulatorPerFile } from "./test-helpers";

type EventData = {
  type: string;
  index?: number;
  delta?: { type?: string; text?: string; thinking?: string; stop_reason?: string };
  usage?: { output_tokens: number };
  error?: { type: string };
};

const sim = simulatorPerFile();
const PROMPT = "Plan a weekend in Zürich";
const headers = { "x-api-key": "sk-ant-test-0002", "anthropic-version": "2023-06-01" };
const endpoint = () => `${sim.url}/anthropic/v1/messages`;
const client = () => new Anthropic({ baseURL: `${sim.url}/anthropic`, apiKey: "sk-ant-test-0002", maxRetries: 0 });

/** Event names without pings and repeated neighbours: the shape of a stream. */
function shape(names: (string | undefined)[]): (string | undefined)[] {
  return names.filter((name) => name !== "ping").filter((name, index, all) => name !== all[index - 1]);
}

describe("Anthropic Messages", () => {
  it("streams thinking (thinking_delta, signature_delta) then text, with the fixture's event sequence", async () => {
    const body = {
      model: "claude-sonnet-5~fast",
      max_tokens: 4096,
      thinking: { type: "enabled", budget_tokens: 2048 },
      stream: true,
      messages: [{ role: "user", content: PROMPT }],
    };
    const { events, text } = await readSse(await post(endpoint(), body, headers));
    expect(events.every((event) => event.event === (JSON.parse(event.data) as EventData).type)).toBe(true);
    expect(shape(events.map((event) => event.event))).toEqual(
      shape(parseSse(fixture("anthropic-messages-thinking.sse")).events.map((event) => event.event)),
    );
    expect(events.some((event) => event.event === "ping")).toBe(true);
    const data = events.map((event) => JSON.parse(event.data) as EventData);
    const thinkingDeltas = data
      .filter((item) => item.index === 0 && item.type === "content_block_delta")
      .map((item) => item.delta?.type);
    expect(thinkingDeltas.at(-1)).toBe("signature_delta");
    expect(data.map((item) => item.delta?.thinking ?? "").join("")).toBe(thinkingText(PROMPT));
    expect(data.map((item) => item.delta?.text ?? "").join("")).toBe(replyText(PROMPT));
    expect(text).toMatch(/^event: message_start\ndata: \{.*\}\s{2,}\}\n\n/);
    expect(text).toContain('data: {"type": "content_block_delta", "index": 1, ');
    expect(text.endsWith('event: message_stop\ndata: {"type": "message_stop"}\n\n')).toBe(true);
  });

  it("works with the official SDK: text, thinking and cumulative usage", async () => {
    const stream = client().messages.stream({
      model: "claude-sonnet-5~fast",
      max_tokens: 4096,
      thinking: { type: "enabled", budget_tokens: 1024 },
      messages: [{ role: "user", content: PROMPT }],
    });
    let thinking = "";
    let text = "";
    stream.on("thinking", (delta) => (thinking += delta));
    stream.on("text", (delta) => (text += delta));
    const message = await stream.finalMessage();
    expect(text).toBe(replyText(PROMPT));
    expect(thinking).toBe(thinkingText(PROMPT));
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.output_tokens).toBe(
      tokenize(thinkingText(PROMPT)).length + tokenize(replyText(PROMPT)).length,
    );
    expect(message.usage.input_tokens).toBeGreaterThan(0);
  });

  it("gives no thinking unless asked, and stops with max_tokens / stop_sequence", async () => {
    const plain = await client().messages.create({
      model: "claude-haiku-4-5~fast",
      max_tokens: 3,
      messages: [{ role: "user", content: PROMPT }],
    });
    expect(plain.content.map((block) => block.type)).toEqual(["text"]);
    expect(plain.stop_reason).toBe("max_tokens");
    const stopped = await client().messages.create({
      model: "claude-haiku-4-5~fast",
      max_tokens: 500,
      stop_sequences: ["simulated"],
      messages: [{ role: "user", content: PROMPT }],
    });
    expect(stopped.stop_reason).toBe("stop_sequence");
    expect(stopped.stop_sequence).toBe("simulated");
  });

  it("answers auth problems in Anthropic's error format", async () => {
    const body = {
      model: "claude-sonnet-5",
      max_tokens: 100,
      stream: true,
      messages: [{ role: "user" as const, content: "x" }],
    };
    const missing = await post(endpoint(), body, { "anthropic-version": "2023-06-01" });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    const noVersion = await post(endpoint(), body, { "x-api-key": "sk-ant-test" });
    expect(noVersion.status).toBe(400);
    await noVersion.body?.cancel();
    const refused = new Anthropic({ baseURL: `${sim.url}/anthropic`, apiKey: "sk-invalid", maxRetries: 0 });
    await expect(refused.messages.create({ ...body, stream: true })).rejects.toBeInstanceOf(
      Anthropic.AuthenticationError,
    );
  });

  it("refuses invalid thinking requests like the real API (budget, temperature)", async () => {
    const base = { model: "claude-sonnet-5", stream: true, messages: [{ role: "user", content: "x" }] };
    const small = await post(
      endpoint(),
      { ...base, max_tokens: 4096, thinking: { type: "enabled", budget_tokens: 100 } },
      headers,
    );
    expect(small.status).toBe(400);
    expect(await small.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    const tooBig = await post(
      endpoint(),
      { ...base, max_tokens: 1024, thinking: { type: "enabled", budget_tokens: 1024 } },
      headers,
    );
    expect(tooBig.status).toBe(400);
    await tooBig.body?.cancel();
    const temperature = await post(
      endpoint(),
      { ...base, max_tokens: 4096, temperature: 0.5, thinking: { type: "enabled", budget_tokens: 1024 } },
      headers,
    );
    expect(temperature.status).toBe(400);
    await temperature.body?.cancel();
    const noMax = await post(endpoint(), base, headers);
    expect(noMax.status).toBe(400);
    await noMax.body?.cancel();
  });

  it("maps http-429 (retry-after 7), http-404 and http-500 scenarios", async () => {
    const request = (model: string) =>
      client().messages.create({ model, max_tokens: 100, messages: [{ role: "user", content: "x" }], stream: true });
    const limited = await request("claude-sonnet-5~http-429").catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect((limited as InstanceType<typeof Anthropic.RateLimitError>).headers?.get("retry-after")).toBe("7");
    await expect(request("claude-sonnet-5~http-404")).rejects.toBeInstanceOf(Anthropic.NotFoundError);
    await expect(request("claude-sonnet-5~http-500")).rejects.toBeInstanceOf(Anthropic.InternalServerError);
  });

  it("sends a mid-stream `event: error` (overloaded_error) and no message_stop; the SDK throws", async () => {
    const body = {
      model: "claude-sonnet-5~fast+midstream-error-3",
      max_tokens: 500,
      stream: true,
      messages: [{ role: "user" as const, content: PROMPT }],
    };
    const { events } = await readSse(await post(endpoint(), body, headers));
    const last = events.at(-1);
    expect(last?.event).toBe("error");
    expect(JSON.parse(last?.data ?? "{}")).toEqual({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
    });
    expect(events.some((event) => event.event === "message_stop")).toBe(false);
    const stream = await client().messages.create({ ...body, stream: true });
    await expect(
      (async () => {
        for await (const _event of stream) void _event;
      })(),
    ).rejects.toThrow(/Overloaded/);
  });

  it("crlf: the SDK reads CRLF-framed events", async () => {
    const response = await post(
      endpoint(),
      {
        model: "claude-sonnet-5~fast+crlf",
        max_tokens: 500,
        stream: true,
        messages: [{ role: "user", content: PROMPT }],
      },
      headers,
    );
    const { text } = await readSse(response);
    expect(text).toMatch(/^event: message_start\r\ndata: /);
    const message = await client().messages.create({
      model: "claude-sonnet-5~fast+crlf",
      max_tokens: 500,
      messages: [{ role: "user", content: PROMPT }],
    });
    expect(message.content).toEqual([{ type: "text", text: replyText(PROMPT) }]);
    const stream = client().messages.stream({
      model: "claude-sonnet-5~fast+crlf",
      max_tokens: 500,
      messages: [{ role: "user", content: PROMPT }],
    });
    expect(await stream.finalText()).toBe(replyText(PROMPT));
  });

  it("ends a truncated stream without message_delta or message_stop", async () => {
    const body = {
      model: "claude-sonnet-5~fast+truncated-4",
      max_tokens: 500,
      stream: true,
      messages: [{ role: "user", content: PROMPT }],
    };
    const { events } = await readSse(await post(endpoint(), body, headers));
    expect(events.map((event) => event.event)).not.toContain("message_stop");
    expect(events.map((event) => event.event)).not.toContain("message_delta");
  });

  it("lists models", async () => {
    const page = await client().models.list();
    expect(page.data.map((model) => model.id)).toContain("claude-sonnet-5");
  });
});
