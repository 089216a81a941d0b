import { describe, expect, it } from "vitest";
import { replyText, thinkingText, tokenize } from "./reply";
import { fixture, keysOf, ndjson, post, simulatorPerFile } from "./test-helpers";

type Line = {
  message?: { content: string; thinking?: string };
  response?: string;
  thinking?: string;
  done?: boolean;
  done_reason?: string;
  eval_count?: number;
  prompt_eval_count?: number;
  error?: string;
};

const sim = simulatorPerFile();
const PROMPT = "Why is the sky blue?";

async function lines(response: Response): Promise<Line[]> {
  return ndjson(await response.text());
}

describe("Ollama native API", () => {
  it("/api/chat streams NDJSON: thinking first, then content, then done:true with counts, keyed like the fixture", async () => {
    const response = await post(`${sim.url}/ollama/api/chat`, {
      model: "qwen3:8b~fast",
      think: true,
      messages: [{ role: "user", content: PROMPT }],
    });
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    const all = await lines(response);
    const firstContent = all.findIndex((line) => line.message?.content);
    const lastThinking = all.findLastIndex((line) => line.message?.thinking);
    expect(lastThinking).toBeLessThan(firstContent);
    expect(all.map((line) => line.message?.thinking ?? "").join("")).toBe(thinkingText(PROMPT));
    expect(all.map((line) => line.message?.content ?? "").join("")).toBe(replyText(PROMPT));
    const final = all.at(-1);
    expect(final).toMatchObject({ done: true, done_reason: "stop", prompt_eval_count: expect.any(Number) as number });
    expect(final?.eval_count).toBe(tokenize(thinkingText(PROMPT)).length + tokenize(replyText(PROMPT)).length);
    expect(all.slice(0, -1).every((line) => line.done === false)).toBe(true);
    const expected = ndjson(fixture("ollama-chat-thinking.ndjson"));
    expect(keysOf(final)).toEqual(keysOf(expected.at(-1)));
    expect(keysOf(all[0])).toEqual(keysOf(expected[0]));
  });

  it("/api/generate streams response/thinking and ends with context and counts", async () => {
    const all = await lines(
      await post(`${sim.url}/ollama/api/generate`, { model: "deepseek-r1:7b~fast", prompt: PROMPT, think: "high" }),
    );
    expect(all.map((line) => line.thinking ?? "").join("")).toBe(thinkingText(PROMPT));
    expect(all.map((line) => line.response ?? "").join("")).toBe(replyText(PROMPT));
    expect(keysOf(all.at(-1))).toEqual(keysOf(ndjson(fixture("ollama-generate.ndjson")).at(-1)));
  });

  it("answers think:true for a model without thinking with HTTP 400 {error}", async () => {
    const response = await post(`${sim.url}/ollama/api/chat`, {
      model: "llama3.2:latest",
      think: true,
      messages: [{ role: "user", content: PROMPT }],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: '"llama3.2:latest" does not support thinking' });
  });

  it("gives no thinking for a plain model and honours num_predict with done_reason length", async () => {
    const all = await lines(
      await post(`${sim.url}/ollama/api/chat`, {
        model: "llama3.2~fast",
        options: { num_predict: 4 },
        messages: [{ role: "user", content: PROMPT }],
      }),
    );
    expect(all.some((line) => line.message?.thinking)).toBe(false);
    expect(all.map((line) => line.message?.content ?? "").join("")).toBe(
      tokenize(replyText(PROMPT)).slice(0, 4).join(""),
    );
    expect(all.at(-1)).toMatchObject({ done: true, done_reason: "length", eval_count: 4 });
  });

  it("answers stream:false with one JSON object", async () => {
    const response = await post(`${sim.url}/ollama/api/chat`, {
      model: "llama3.2~fast",
      stream: false,
      messages: [{ role: "user", content: PROMPT }],
    });
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toMatchObject({
      message: { role: "assistant", content: replyText(PROMPT) },
      done: true,
      done_reason: "stop",
    });
  });

  it("reports a missing model as 404 {error: model 'x' not found} and 500/429 as {error}", async () => {
    const missing = await post(`${sim.url}/ollama/api/chat`, { model: "mistral~http-404", messages: [] });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "model 'mistral' not found" });
    const failed = await post(`${sim.url}/ollama/api/chat`, { model: "llama3.2~http-500", messages: [] });
    expect(failed.status).toBe(500);
    expect(Object.keys((await failed.json()) as object)).toEqual(["error"]);
    const limited = await post(`${sim.url}/ollama/api/generate`, { model: "llama3.2~http-429", prompt: "x" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    await limited.body?.cancel();
  });

  it("sends a mid-stream {error} line (status 200) and no done:true, like the fixture", async () => {
    const response = await post(`${sim.url}/ollama/api/generate`, {
      model: "llama3.2~fast+midstream-error-2",
      prompt: PROMPT,
    });
    expect(response.status).toBe(200);
    const all = await lines(response);
    expect(all.at(-1)).toEqual(ndjson(fixture("ollama-midstream-error.ndjson")).at(-1));
    expect(all.some((line) => line.done === true)).toBe(false);
    expect(all.map((line) => line.response ?? "").join("")).toBe(tokenize(replyText(PROMPT)).slice(0, 2).join(""));
  });

  it("lists models at /api/tags like the fixture, and answers the root", async () => {
    const body = (await (await fetch(`${sim.url}/ollama/api/tags`)).json()) as {
      models: { name: string; details: unknown }[];
    };
    expect(body.models.map((model) => model.name)).toContain("qwen3:8b");
    const expected = JSON.parse(fixture("ollama-tags.json")) as { models: { details: unknown }[] };
    expect(keysOf(body.models[0])).toEqual(keysOf(expected.models[0]));
    expect(keysOf(body.models[0]?.details)).toEqual(keysOf(expected.models[0]?.details));
    expect(await (await fetch(`${sim.url}/ollama`)).text()).toBe("Ollama is running");
  });
});
