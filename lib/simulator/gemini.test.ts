import { ApiError, GoogleGenAI } from "@google/genai";
import { describe, expect, it } from "vitest";
import { replyText, thinkingText, tokenize } from "./reply";
import { fixture, keysOf, parseSse, post, readSse, simulatorPerFile } from "./test-helpers";

type Part = { text?: string; thought?: boolean; thoughtSignature?: string };
type Chunk = {
  candidates?: { content?: { parts: Part[]; role: string }; finishReason?: string; index: number }[];
  usageMetadata?: {
    promptTokenCount: number;
    candidatesTokenCount?: number;
    thoughtsTokenCount?: number;
    cachedContentTokenCount?: number;
    totalTokenCount: number;
  };
  error?: { code: number; message: string; status: string };
};

const sim = simulatorPerFile();
const PROMPT = "Name three rivers of Europe";
const KEY = { "x-goog-api-key": "AIzaSimulatorTest0007" };
const streamUrl = (model: string) => `${sim.url}/gemini/v1beta/models/${model}:streamGenerateContent?alt=sse`;
const body = (generationConfig: Record<string, unknown> = {}) => ({
  contents: [{ role: "user", parts: [{ text: PROMPT }] }],
  generationConfig,
});
const client = (apiKey = "AIzaSimulatorTest0007") =>
  new GoogleGenAI({ apiKey, vertexai: false, httpOptions: { baseUrl: `${sim.url}/gemini`, apiVersion: "v1beta" } });

function chunksOf(text: string): Chunk[] {
  return parseSse(text).events.map((event) => JSON.parse(event.data) as Chunk);
}

function partsOf(chunks: Chunk[]): Part[] {
  return chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
}

describe("Gemini streamGenerateContent", () => {
  it("streams thought parts, then text, CRLF-framed with Google's JSON spacing, and cumulative usage", async () => {
    const response = await post(
      streamUrl("gemini-2.5-flash~fast"),
      body({ thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } }),
      KEY,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const { text } = await readSse(response);
    expect(text).toMatch(/^data: \{"candidates": \[\{"content": \{"parts": \[\{"text": /);
    expect(text.endsWith("\r\n\r\n")).toBe(true);
    expect(text.replaceAll("\r\n\r\n", "")).not.toMatch(/\n/);
    const chunks = chunksOf(text);
    const parts = partsOf(chunks);
    expect(
      parts
        .filter((part) => part.thought)
        .map((part) => part.text)
        .join(""),
    ).toBe(thinkingText(PROMPT));
    expect(
      parts
        .filter((part) => !part.thought)
        .map((part) => part.text)
        .join(""),
    ).toBe(replyText(PROMPT));
    const last = chunks.at(-1);
    expect(last?.candidates?.[0]?.finishReason).toBe("STOP");
    expect(last?.candidates?.[0]?.content?.parts[0]?.thoughtSignature).toEqual(expect.any(String));
    expect(chunks.slice(0, -1).every((chunk) => chunk.candidates?.[0]?.finishReason === undefined)).toBe(true);
    const thoughts = tokenize(thinkingText(PROMPT)).length;
    const candidates = tokenize(replyText(PROMPT)).length;
    expect(last?.usageMetadata).toMatchObject({ candidatesTokenCount: candidates, thoughtsTokenCount: thoughts });
    expect(last?.usageMetadata?.totalTokenCount).toBe(
      (last?.usageMetadata?.promptTokenCount ?? 0) + candidates + thoughts,
    );

    const recorded = chunksOf(fixture("gemini-stream-thinking-crlf.sse"));
    expect(keysOf(chunks[0])).toEqual(keysOf(recorded[0]));
    expect(keysOf(chunks[0]?.candidates?.[0])).toEqual(keysOf(recorded[0]?.candidates?.[0]));
    expect(keysOf(last?.candidates?.[0])).toEqual(keysOf(recorded.at(-1)?.candidates?.[0]));
  });

  it("thinks silently unless thoughts are included, counting them; a budget of 0 turns thinking off", async () => {
    const silent = chunksOf((await readSse(await post(streamUrl("gemini-2.5-flash~fast"), body(), KEY))).text);
    expect(partsOf(silent).some((part) => part.thought)).toBe(false);
    expect(silent[0]?.usageMetadata?.thoughtsTokenCount).toBe(tokenize(thinkingText(PROMPT)).length);
    const off = chunksOf(
      (
        await readSse(
          await post(streamUrl("gemini-2.5-flash~fast"), body({ thinkingConfig: { thinkingBudget: 0 } }), KEY),
        )
      ).text,
    );
    expect(off.at(-1)?.usageMetadata?.thoughtsTokenCount).toBeUndefined();
  });

  it("works with @google/genai: text, thoughts, MAX_TOKENS and usage", async () => {
    let thoughts = "";
    let answer = "";
    let finish: string | undefined;
    const stream = await client().models.generateContentStream({
      model: "gemini-2.5-pro~fast",
      contents: PROMPT,
      config: { thinkingConfig: { includeThoughts: true }, automaticContinuation: false },
    });
    for await (const chunk of stream) {
      for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
        if (part.thought) thoughts += part.text ?? "";
        else answer += part.text ?? "";
      }
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
    }
    expect(thoughts).toBe(thinkingText(PROMPT));
    expect(answer).toBe(replyText(PROMPT));
    expect(finish).toBe("STOP");

    const short = await client().models.generateContent({
      model: "gemini-2.0-flash~fast",
      contents: PROMPT,
      config: { maxOutputTokens: 3 },
    });
    expect(short.candidates?.[0]?.finishReason).toBe("MAX_TOKENS");
    expect(short.usageMetadata?.candidatesTokenCount).toBe(3);
  });

  it("lists models as the API does, generateContent and embedding models alike", async () => {
    const names: string[] = [];
    const pager = await client().models.list();
    for await (const model of pager) names.push(model.name ?? "");
    expect(names).toContain("models/gemini-2.5-flash");
    expect(names).toContain("models/gemini-embedding-001");
    const raw = await fetch(`${sim.url}/gemini/v1beta/models`, { headers: KEY });
    const listing = (await raw.json()) as { models: Record<string, unknown>[] };
    const recorded = JSON.parse(fixture("gemini-models.json")) as { models: Record<string, unknown>[] };
    expect(keysOf(listing.models[0])).toEqual(keysOf(recorded.models[0]));
  });

  it("answers key problems like the API: 403 without a key, 400 API_KEY_INVALID for a bad one", async () => {
    const missing = await post(streamUrl("gemini-2.5-flash"), body());
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: 403, status: "PERMISSION_DENIED" } });
    const refused = await post(streamUrl("gemini-2.5-flash"), body(), { "x-goog-api-key": "AIza-invalid" });
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(JSON.parse(text)).toEqual(JSON.parse(fixture("gemini-http-error-invalid-key.json")));
    expect(text.startsWith('{\n  "error": {\n    "code": 400,')).toBe(true);
    await expect(
      client("AIza-invalid").models.generateContent({ model: "gemini-2.5-flash", contents: "x" }),
    ).rejects.toSatisfy((error) => error instanceof ApiError && error.status === 400);
  });

  it("gives HTTP errors with Google's status names and a RetryInfo delay for 429", async () => {
    const limited = await post(streamUrl("gemini-2.5-flash~http-429"), body(), KEY);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeNull();
    const error = (await limited.json()) as { error: { status: string; details: Record<string, unknown>[] } };
    expect(error.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(error.error.details).toContainEqual({
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: "7s",
    });
    const missing = await post(streamUrl("gemini-9~http-404"), body(), KEY);
    expect(await missing.json()).toMatchObject({ error: { code: 404, status: "NOT_FOUND" } });
    const unknownPath = await post(`${sim.url}/gemini/v1beta/models/gemini-2.5-flash:countTokens`, body(), KEY);
    expect(unknownPath.status).toBe(404);
  });

  it("reports a mid-stream error as one data event, then ends", async () => {
    const { text } = await readSse(await post(streamUrl("gemini-2.5-flash~fast+midstream-error-2"), body(), KEY));
    const chunks = chunksOf(text);
    expect(partsOf(chunks).map((part) => part.text)).toHaveLength(2);
    expect(chunks.at(-1)?.error).toMatchObject({ code: 503, status: "UNAVAILABLE" });
    expect(keysOf(chunks.at(-1)?.error)).toEqual(
      keysOf(chunksOf(fixture("gemini-stream-midstream-error-crlf.sse")).at(-1)?.error),
    );
  });

  it("refuses a request without contents in Google's words", async () => {
    const response = await post(streamUrl("gemini-2.5-flash"), { generationConfig: {} }, KEY);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { status: "INVALID_ARGUMENT" } });
  });
});
