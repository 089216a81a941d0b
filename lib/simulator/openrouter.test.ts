import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { replyText, thinkingText } from "./reply";
import { fixture, jsonData, keysOf, parseSse, post, readSse, simulatorPerFile } from "./test-helpers";

type Chunk = {
  provider?: string;
  choices: {
    delta: { content?: string; reasoning?: string; reasoning_details?: { type: string }[] };
    finish_reason: string | null;
    native_finish_reason?: string | null;
  }[];
  usage?: { cost: number; is_byok: boolean; completion_tokens_details: { reasoning_tokens: number } };
  error?: { code: string | number; message: string };
};

const sim = simulatorPerFile();
const PROMPT = "Compare two sorting algorithms";
const messages = [{ role: "user", content: PROMPT }];
const auth = { authorization: "Bearer sk-or-test-0003" };
const endpoint = () => `${sim.url}/openrouter/api/v1/chat/completions`;

describe("OpenRouter", () => {
  it("sends PROCESSING comments, reasoning + reasoning_details, provider/native_finish_reason and a final usage chunk with cost", async () => {
    const response = await post(endpoint(), { model: "deepseek/deepseek-r1~fast", stream: true, messages }, auth);
    const { events, comments, text } = await readSse(response);
    expect(text.startsWith(": OPENROUTER PROCESSING\n\n")).toBe(true);
    expect(comments.map((comment) => comment.trim())).toContain("OPENROUTER PROCESSING");
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    const chunks = jsonData<Chunk>(events);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.reasoning ?? "").join("")).toBe(thinkingText(PROMPT));
    expect(
      chunks.find((chunk) => chunk.choices[0]?.delta.reasoning)?.choices[0]?.delta.reasoning_details?.[0]?.type,
    ).toBe("reasoning.text");
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe(replyText(PROMPT));
    const finish = chunks.at(-2)?.choices[0];
    expect(finish?.finish_reason).toBe("stop");
    expect(finish?.native_finish_reason).toBe("stop");
    const usage = chunks.at(-1);
    expect(usage?.choices).toEqual([]);
    expect(usage?.usage?.cost).toBeGreaterThan(0);
    expect(usage?.usage?.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(chunks.every((chunk) => chunk.provider === "DeepSeek")).toBe(true);

    const expected = jsonData<Chunk>(parseSse(fixture("openrouter-chat-reasoning-usage.sse")).events);
    expect(keysOf(chunks[0])).toEqual(keysOf(expected[0]));
    expect(keysOf(chunks[0]?.choices[0])).toEqual(keysOf(expected[0]?.choices[0]));
    expect(keysOf(usage?.usage)).toEqual(expect.arrayContaining(keysOf(expected.at(-1)?.usage)));
  });

  it("sends usage even without stream_options, and no reasoning for a plain model unless asked", async () => {
    const plain = jsonData<Chunk>(
      (await readSse(await post(endpoint(), { model: "openai/gpt-4o-mini~fast", stream: true, messages }, auth)))
        .events,
    );
    expect(plain.some((chunk) => chunk.choices[0]?.delta.reasoning)).toBe(false);
    expect(plain.at(-1)?.usage).toBeDefined();
    const asked = jsonData<Chunk>(
      (
        await readSse(
          await post(
            endpoint(),
            { model: "openai/gpt-4o-mini~fast", stream: true, reasoning: { effort: "low" }, messages },
            auth,
          ),
        )
      ).events,
    );
    expect(asked.some((chunk) => chunk.choices[0]?.delta.reasoning)).toBe(true);
  });

  it("streams through the openai SDK (comment lines are ignored)", async () => {
    const client = new OpenAI({ baseURL: `${sim.url}/openrouter/api/v1`, apiKey: "sk-or-test", maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: "anthropic/claude-sonnet-4.5~fast",
      messages: [{ role: "user", content: PROMPT }],
      stream: true,
    });
    let content = "";
    for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? "";
    expect(content).toBe(replyText(PROMPT));
  });

  it("sends an in-band error chunk with finish_reason error, like the fixture", async () => {
    const { events, text } = await readSse(
      await post(endpoint(), { model: "openai/gpt-4o~fast+midstream-error-3", stream: true, messages }, auth),
    );
    const last = jsonData<Chunk>(events).at(-1);
    expect(last?.error).toEqual({ code: "server_error", message: "Provider disconnected unexpectedly" });
    expect(last?.choices[0]?.finish_reason).toBe("error");
    expect(text).not.toContain("[DONE]");
    const expected = jsonData<Chunk>(parseSse(fixture("openrouter-chat-midstream-error.sse")).events).at(-1);
    expect(keysOf(last)).toEqual(keysOf(expected));
    expect(keysOf(last?.choices[0])).toEqual(keysOf(expected?.choices[0]));
  });

  it("answers auth failures and http scenarios with {error:{code,message}}", async () => {
    const missing = await post(endpoint(), { model: "openai/gpt-4o", stream: true, messages });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: 401, message: "No auth credentials found" } });
    const invalid = await post(
      endpoint(),
      { model: "openai/gpt-4o", stream: true, messages },
      { authorization: "Bearer sk-invalid" },
    );
    expect(invalid.status).toBe(401);
    await invalid.body?.cancel();
    const limited = await post(endpoint(), { model: "openai/gpt-4o~http-429", stream: true, messages }, auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    const body = (await limited.json()) as { error: { code: number; metadata: unknown } };
    expect(keysOf(body.error)).toEqual(
      keysOf((JSON.parse(fixture("openrouter-http-error.json")) as { error: unknown }).error),
    );
    const failed = await post(endpoint(), { model: "openai/gpt-4o~http-500", stream: true, messages }, auth);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { code: 500 } });
  });

  it("lists models without a key", async () => {
    const response = await fetch(`${sim.url}/openrouter/api/v1/models`);
    const body = (await response.json()) as { data: { id: string; pricing: unknown }[] };
    expect(body.data.map((model) => model.id)).toContain("deepseek/deepseek-r1");
  });
});
