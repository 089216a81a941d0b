import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { replyText, tokenize } from "./reply";
import { fixture, jsonData, keysOf, parseSse, post, rawChunks, readSse, simulatorPerFile } from "./test-helpers";

type Chunk = {
  choices: {
    delta: { content?: string | null; role?: string; reasoning?: string; reasoning_content?: string };
    finish_reason: string | null;
  }[];
  usage?: {
    prompt_tokens: number | null;
    completion_tokens: number | null;
    completion_tokens_details?: { reasoning_tokens: number | null } | null;
  } | null;
  error?: { message: string; type: string };
};

const sim = simulatorPerFile();
const PROMPT = "Explain streaming to a café owner in one paragraph";
const messages = [{ role: "user", content: PROMPT }];
const auth = { authorization: "Bearer sk-test-0001" };

function text(chunks: Chunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
}

describe("OpenAI chat completions", () => {
  it("streams the deterministic reply with role first, usage-only chunk and [DONE], shaped like the fixture", async () => {
    const response = await post(
      `${sim.url}/openai/v1/chat/completions`,
      { model: "gpt-4o-mini~fast", stream: true, stream_options: { include_usage: true }, messages },
      auth,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const { events, text: raw } = await readSse(response);
    expect(raw.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(events.every((event) => event.event === undefined)).toBe(true);
    const chunks = jsonData<Chunk>(events);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(text(chunks)).toBe(replyText(PROMPT));
    const usageChunk = chunks.at(-1);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage?.completion_tokens).toBe(tokenize(replyText(PROMPT)).length);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");

    const expected = jsonData<Chunk>(parseSse(fixture("openai-chat-text.sse")).events);
    expect(keysOf(chunks[0])).toEqual(keysOf(expected[0]));
    expect(keysOf(usageChunk)).toEqual(keysOf(expected.at(-1)));
    expect(keysOf(usageChunk?.usage)).toEqual(keysOf(expected.at(-1)?.usage));
  });

  it("sends no usage (and no usage key) unless include_usage is set", async () => {
    const { events } = await readSse(
      await post(`${sim.url}/openai/v1/chat/completions`, { model: "gpt-4o-mini~fast", stream: true, messages }, auth),
    );
    const chunks = jsonData<Chunk>(events);
    expect(chunks.every((chunk) => !("usage" in chunk))).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("works with the official SDK, including usage and hidden reasoning tokens for o-series models", async () => {
    const client = new OpenAI({ baseURL: `${sim.url}/openai/v1`, apiKey: "sk-test-0001", maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: "o4-mini~fast",
      messages: [{ role: "user", content: PROMPT }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = "";
    let reasoningTokens: number | null | undefined = null;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) reasoningTokens = chunk.usage.completion_tokens_details?.reasoning_tokens;
    }
    expect(content).toBe(replyText(PROMPT));
    expect(reasoningTokens).toBeGreaterThan(0);
  });

  it("stops at max_tokens with finish_reason length, and at stop sequences", async () => {
    const limited = jsonData<Chunk>(
      (
        await readSse(
          await post(
            `${sim.url}/openai/v1/chat/completions`,
            { model: "gpt-4o-mini~fast", stream: true, max_tokens: 5, messages },
            auth,
          ),
        )
      ).events,
    );
    expect(text(limited)).toBe(tokenize(replyText(PROMPT)).slice(0, 5).join(""));
    expect(limited.at(-1)?.choices[0]?.finish_reason).toBe("length");
    const stopped = jsonData<Chunk>(
      (
        await readSse(
          await post(
            `${sim.url}/openai/v1/chat/completions`,
            { model: "gpt-4o-mini~fast", stream: true, stop: ["simulated"], messages },
            auth,
          ),
        )
      ).events,
    );
    expect(text(stopped)).toBe(replyText(PROMPT).slice(0, replyText(PROMPT).indexOf("simulated")));
    expect(stopped.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("answers a missing or refused key with 401 in OpenAI's error format", async () => {
    const missing = await post(`${sim.url}/openai/v1/chat/completions`, {
      model: "gpt-4o-mini",
      stream: true,
      messages,
    });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { type: "invalid_request_error", param: null } });
    const client = new OpenAI({ baseURL: `${sim.url}/openai/v1`, apiKey: "sk-invalid", maxRetries: 0 });
    await expect(
      client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "x" }],
        stream: true,
      }),
    ).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });
  });

  it("maps http-429 (Retry-After: 7), http-404 and http-500 scenarios to SDK errors with status", async () => {
    const client = new OpenAI({ baseURL: `${sim.url}/openai/v1`, apiKey: "sk-test", maxRetries: 0 });
    const request = (model: string) =>
      client.chat.completions.create({ model, messages: [{ role: "user", content: "x" }], stream: true });
    const limited = await request("gpt-4o-mini~http-429").catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toBe("7");
    await expect(request("gpt-4o-mini~http-404")).rejects.toMatchObject({ status: 404, code: "model_not_found" });
    await expect(request("gpt-4o-mini~http-500")).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });

  it("sends a mid-stream error as data: {error} without [DONE]; the SDK throws", async () => {
    const { events, text: raw } = await readSse(
      await post(
        `${sim.url}/openai/v1/chat/completions`,
        { model: "gpt-4o-mini~fast+midstream-error-4", stream: true, messages },
        auth,
      ),
    );
    const chunks = jsonData<Chunk>(events);
    expect(raw).not.toContain("[DONE]");
    expect(text(chunks.slice(0, -1))).toBe(tokenize(replyText(PROMPT)).slice(0, 4).join(""));
    expect(keysOf(chunks.at(-1)?.error)).toEqual(
      keysOf(jsonData<Chunk>(parseSse(fixture("openai-chat-error-midstream.sse")).events).at(-1)?.error),
    );
    const client = new OpenAI({ baseURL: `${sim.url}/openai/v1`, apiKey: "sk-test", maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini~fast+midstream-error",
      messages: [{ role: "user", content: "x" }],
      stream: true,
    });
    await expect(
      (async () => {
        for await (const _chunk of stream) void _chunk;
      })(),
    ).rejects.toThrow(/server had an error/);
  });

  it("ends a truncated stream cleanly without finish_reason or [DONE]", async () => {
    const { events, text: raw } = await readSse(
      await post(
        `${sim.url}/openai/v1/chat/completions`,
        { model: "gpt-4o-mini~fast+truncated-6", stream: true, messages },
        auth,
      ),
    );
    expect(raw).not.toContain("[DONE]");
    const chunks = jsonData<Chunk>(events);
    expect(chunks.every((chunk) => chunk.choices[0]?.finish_reason === null)).toBe(true);
    expect(text(chunks)).toBe(tokenize(replyText(PROMPT)).slice(0, 6).join(""));
  });

  it("utf8-split: multi-byte characters and CRLF pairs arrive split across packets, yet reassemble exactly", async () => {
    const response = await post(
      `${sim.url}/openai/v1/chat/completions`,
      { model: "gpt-4o-mini~fast+utf8-split", stream: true, messages },
      auth,
    );
    const chunks = await rawChunks(response);
    const strict = new TextDecoder("utf-8", { fatal: true });
    expect(
      chunks.some((chunk) => {
        try {
          strict.decode(chunk);
          return false;
        } catch {
          return true;
        }
      }),
    ).toBe(true);
    expect(chunks.some((chunk) => chunk.at(-1) === 0x0d)).toBe(true);
    const decoder = new TextDecoder();
    const whole = chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join("") + decoder.decode();
    expect(whole).toContain("\r\n\r\n");
    expect(whole).not.toContain("\uFFFD");
    expect(text(jsonData<Chunk>(parseSse(whole).events))).toBe(replyText(PROMPT));
  });

  it("answers stream: false with one chat.completion object", async () => {
    const response = await post(`${sim.url}/openai/v1/chat/completions`, { model: "gpt-4o-mini~fast", messages }, auth);
    const body = (await response.json()) as {
      object: string;
      choices: { message: { content: string } }[];
      usage: { total_tokens: number };
    };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]?.message.content).toBe(replyText(PROMPT));
    expect(body.usage.total_tokens).toBeGreaterThan(0);
  });

  it("lists models and refuses the listing without a key", async () => {
    const client = new OpenAI({ baseURL: `${sim.url}/openai/v1`, apiKey: "sk-test", maxRetries: 0 });
    const ids = (await client.models.list()).data.map((model) => model.id);
    expect(ids).toContain("gpt-4o-mini");
    expect((await fetch(`${sim.url}/openai/v1/models`)).status).toBe(401);
  });
});

describe("OpenAI-compatible servers (/local, /custom)", () => {
  it("local needs no key and streams reasoning as delta.reasoning_content with content null", async () => {
    const { events } = await readSse(
      await post(`${sim.url}/local/v1/chat/completions`, {
        model: "llama-3.1-8b-instruct~fast+reasoning",
        stream: true,
        stream_options: { include_usage: true },
        messages,
      }),
    );
    const chunks = jsonData<Chunk>(events);
    const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? "").join("");
    expect(reasoning).toMatch(/^Let me think about/);
    expect(chunks.find((chunk) => chunk.choices[0]?.delta.reasoning_content)?.choices[0]?.delta.content).toBeNull();
    expect(text(chunks)).toBe(replyText(PROMPT));
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: expect.any(Number) as number });
  });

  it("custom streams delta.reasoning, sends null usage leaves, and can require a header", async () => {
    const { events } = await readSse(
      await post(`${sim.url}/custom/v1/chat/completions`, {
        model: "gateway-default~fast",
        reasoning_effort: "low",
        stream: true,
        stream_options: { include_usage: true },
        messages,
      }),
    );
    const chunks = jsonData<Chunk>(events);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.reasoning ?? "").join("")).toMatch(/^Let me think/);
    expect(chunks.at(-1)?.usage?.completion_tokens_details).toMatchObject({ accepted_prediction_tokens: null });
    const refused = await post(`${sim.url}/custom/v1/chat/completions`, {
      model: "gateway-default~require-header",
      stream: true,
      messages,
    });
    expect(refused.status).toBe(403);
    const accepted = await post(
      `${sim.url}/custom/v1/chat/completions`,
      { model: "gateway-default~require-header+fast", stream: true, messages },
      { "X-Team": "demo" },
    );
    expect(accepted.status).toBe(200);
    await accepted.text();
  });
});
