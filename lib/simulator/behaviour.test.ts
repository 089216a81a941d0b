import { describe, expect, it } from "vitest";
import { hugeChunkText, INVALID_UTF8_DECODED, replyText, tokenize } from "./reply";
import { startSimulator } from "./server";
import {
  eventually,
  jsonData,
  parseSse,
  post,
  rawChunks,
  readSse,
  recordByTag,
  simulatorPerFile,
  timedChunks,
} from "./test-helpers";

type Chunk = { choices: { delta: { content?: string } }[] };

const sim = simulatorPerFile();
const PROMPT = "Tell me a story";
const messages = [{ role: "user", content: PROMPT }];
const auth = { authorization: "Bearer sk-test-0001" };
const endpoint = () => `${sim.url}/openai/v1/chat/completions`;
const tagged = (tag: string) => ({ ...auth, "x-simulator-tag": tag });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function content(text: string): string {
  return jsonData<Chunk>(parseSse(text).events)
    .map((chunk) => chunk.choices[0]?.delta.content ?? "")
    .join("");
}

async function health(): Promise<{ inFlight: number }> {
  return (await (await fetch(`${sim.url}/__simulator/health`)).json()) as { inFlight: number };
}

describe("recording and control API", () => {
  it("records provider, path, model, scenario, tag, masked headers, body, timings and tokens", async () => {
    await (await post(endpoint(), { model: "gpt-4o-mini~fast", stream: true, messages }, tagged("rec-1"))).text();
    const record = recordByTag(sim.simulator, "rec-1");
    expect(record).toMatchObject({
      provider: "openai",
      path: "/openai/v1/chat/completions",
      model: "gpt-4o-mini~fast",
      scenario: "fast",
      status: 200,
      completed: true,
      clientDisconnected: false,
      disconnectedAt: null,
    });
    expect(record.tokensSent).toBe(tokenize(replyText(PROMPT)).length);
    expect(record.headers.authorization).toBe("Bearer ****0001");
    expect(record.body).toMatchObject({ stream: true, messages });
    expect(record.firstByteAt).toBeGreaterThanOrEqual(record.startedAt);
    expect(record.endedAt).toBeGreaterThanOrEqual(record.firstByteAt ?? 0);
  });

  it("serves GET /__simulator/requests?tag=, GET /__simulator/requests/:id, DELETE and health", async () => {
    await (await post(endpoint(), { model: "gpt-4o-mini~fast", stream: true, messages }, tagged("ctl-1"))).text();
    const listed = (await (await fetch(`${sim.url}/__simulator/requests?tag=ctl-1`)).json()) as {
      requests: { id: number; tag: string }[];
    };
    expect(listed.requests).toHaveLength(1);
    const one = (await (await fetch(`${sim.url}/__simulator/requests/${listed.requests[0]?.id}`)).json()) as {
      tag: string;
    };
    expect(one.tag).toBe("ctl-1");
    expect(await health()).toMatchObject({ ok: true, inFlight: 0 });
    const cleared = (await (await fetch(`${sim.url}/__simulator/requests`, { method: "DELETE" })).json()) as {
      cleared: number;
    };
    expect(cleared.cleared).toBeGreaterThan(0);
    expect(sim.simulator.requests()).toEqual([]);
  });

  it("takes the scenario from X-Simulator-Scenario and refuses unknown scenarios and routes", async () => {
    expect(
      (
        await post(
          endpoint(),
          { model: "gpt-4o-mini", stream: true, messages },
          { ...auth, "x-simulator-scenario": "http-503" },
        )
      ).status,
    ).toBe(503);
    const unknown = await post(endpoint(), { model: "gpt-4o-mini~nope", stream: true, messages }, auth);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      error: { message: expect.stringContaining("unknown simulator scenario") as string },
    });
    expect((await fetch(`${sim.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${sim.url}/openai/v1/chat/completions`)).status).toBe(405);
  });
});

describe("disconnects, stalls and drops", () => {
  it("notices an aborted stream within 1 s and stops its script", async () => {
    const controller = new AbortController();
    const response = await post(
      endpoint(),
      { model: "gpt-4o-mini~slow-30", stream: true, messages },
      tagged("abort-1"),
      controller.signal,
    );
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.read();
    const abortedAt = Date.now();
    controller.abort();
    await eventually(() => expect(recordByTag(sim.simulator, "abort-1").clientDisconnected).toBe(true), 1000);
    const record = recordByTag(sim.simulator, "abort-1");
    expect((record.disconnectedAt ?? 0) - abortedAt).toBeLessThan(1000);
    expect(record.completed).toBe(false);
    await sleep(150);
    expect(recordByTag(sim.simulator, "abort-1").tokensSent).toBe(record.tokensSent);
    expect(await health()).toMatchObject({ inFlight: 0 });
  });

  it("stall-first-byte sends nothing, not even headers, and a client abort is recorded", async () => {
    const controller = new AbortController();
    const pending = post(
      endpoint(),
      { model: "gpt-4o-mini~stall-first-byte", stream: true, messages },
      tagged("stall-1"),
      controller.signal,
    );
    await sleep(300);
    expect(recordByTag(sim.simulator, "stall-1").status).toBeNull();
    controller.abort();
    await expect(pending).rejects.toThrow();
    await eventually(() =>
      expect(recordByTag(sim.simulator, "stall-1")).toMatchObject({
        clientDisconnected: true,
        firstByteAt: null,
        tokensSent: 0,
      }),
    );
  });

  it("stall-midstream goes silent after some tokens, then finishes", async () => {
    const response = await post(
      endpoint(),
      { model: "gpt-4o-mini~fast+stall-midstream-400", stream: true, messages },
      auth,
    );
    const chunks = await timedChunks(response);
    const arrivals = chunks.map(({ at }) => at);
    const text = new TextDecoder().decode(Buffer.concat(chunks.map(({ chunk }) => chunk)));
    const gaps = arrivals.slice(1).map((time, index) => time - (arrivals[index] ?? time));
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(350);
    expect(content(text)).toBe(replyText(PROMPT));
  });

  it("drop destroys the socket mid-stream: the client sees an error, the record says completed", async () => {
    const response = await post(
      endpoint(),
      { model: "gpt-4o-mini~fast+drop-5", stream: true, messages },
      tagged("drop-1"),
    );
    await expect(response.text()).rejects.toThrow();
    await eventually(() =>
      expect(recordByTag(sim.simulator, "drop-1")).toMatchObject({
        completed: true,
        clientDisconnected: false,
        tokensSent: 5,
      }),
    );
  });

  it("close() ends in-flight requests at once", async () => {
    const own = await startSimulator({ port: 0 });
    const pending = post(
      `${own.url}/openai/v1/chat/completions`,
      { model: "gpt-4o-mini~stall-first-byte", stream: true, messages },
      auth,
    );
    await sleep(100);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });
});

describe("pacing and payload scenarios", () => {
  it("slow sends tokens spread out in time, not in one burst", async () => {
    const response = await post(
      endpoint(),
      { model: "gpt-4o-mini~slow-20", max_tokens: 15, stream: true, messages },
      auth,
    );
    const arrivals = (await timedChunks(response)).map(({ at }) => at);
    expect(arrivals.length).toBeGreaterThanOrEqual(10);
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(15 * 20 * 0.7);
  });

  it("fast-20000 streams 20,000 tokens", async () => {
    const { text } = await readSse(
      await post(endpoint(), { model: "gpt-4o-mini~fast-20000", stream: true, messages }, tagged("fast-1")),
    );
    expect(jsonData<Chunk>(parseSse(text).events).filter((chunk) => chunk.choices[0]?.delta.content).length).toBe(
      20000,
    );
    expect(recordByTag(sim.simulator, "fast-1").tokensSent).toBe(20000);
  });

  it("huge-chunk sends one ~1 MB delta inside the reply", async () => {
    const { events } = await readSse(
      await post(endpoint(), { model: "gpt-4o-mini~fast+huge-chunk", stream: true, messages }, auth),
    );
    const deltas = jsonData<Chunk>(events).map((chunk) => chunk.choices[0]?.delta.content ?? "");
    expect(deltas.some((delta) => Buffer.byteLength(delta) >= 1024 * 1024)).toBe(true);
    const tokens = tokenize(replyText(PROMPT));
    expect(deltas.join("")).toBe([...tokens.slice(0, 2), hugeChunkText(), ...tokens.slice(2)].join(""));
  });

  it("malformed puts a non-JSON data line mid-stream", async () => {
    const { events, text } = await readSse(
      await post(endpoint(), { model: "gpt-4o-mini~fast+malformed-3", stream: true, messages }, auth),
    );
    const broken = events.filter((event) => {
      try {
        JSON.parse(event.data);
        return false;
      } catch {
        return event.data !== "[DONE]";
      }
    });
    expect(broken).toHaveLength(1);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("invalid-utf8 writes raw invalid bytes that decode to U+FFFD", async () => {
    const chunks = await rawChunks(
      await post(endpoint(), { model: "gpt-4o-mini~fast+invalid-utf8-2", stream: true, messages }, auth),
    );
    const bytes = Buffer.concat(chunks);
    expect(bytes.includes(0xff)).toBe(true);
    const decoded = new TextDecoder().decode(bytes);
    const tokens = tokenize(replyText(PROMPT));
    expect(content(decoded)).toBe([...tokens.slice(0, 2), INVALID_UTF8_DECODED, ...tokens.slice(2)].join(""));
  });
});
