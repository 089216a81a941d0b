import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveRun } from "@/lib/runs/live-run";
import { HEARTBEAT_MS, sseResponse } from "@/lib/runs/sse-response";

afterEach(() => {
  vi.useRealTimers();
});

async function readAll(response: Response): Promise<string> {
  return new TextDecoder().decode(await response.arrayBuffer());
}

describe("the SSE response of a run", () => {
  it("sends the headers that defeat buffering and ends after the final event", async () => {
    const run = new LiveRun("5", 1, 10_000);
    run.publish({ type: "chunk", content: "Hi", tokens: 1 });
    const response = sseResponse(run, 0);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    run.publish({ type: "error", code: "timeout", message: "late" });
    const text = await readAll(response);
    expect(text).toBe(
      'id: 5:0\ndata: {"type":"chunk","content":"Hi","tokens":1}\n\nid: 5:1\ndata: {"type":"error","code":"timeout","message":"late"}\n\n',
    );
  });

  it("pings while it waits, so idle proxies and dead sockets are noticed", async () => {
    vi.useFakeTimers();
    const run = new LiveRun("6", 1, 10_000);
    const reader = sseResponse(run, 0).body?.getReader();
    vi.advanceTimersByTime(HEARTBEAT_MS + 1);
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe(": ping\n\n");
    await reader?.cancel();
  });

  it("detaches when the client goes away, which starts the run's grace window", async () => {
    vi.useFakeTimers();
    const run = new LiveRun("7", 1, 1000);
    const reader = sseResponse(run, 0).body?.getReader();
    await reader?.cancel();
    vi.advanceTimersByTime(999);
    expect(run.abortController.signal.aborted).toBe(false);
    vi.advanceTimersByTime(2);
    expect(run.abortReason).toBe("abandoned");
  });

  it("writes the first event of a turn at once and the rest of that turn as one write", async () => {
    const run = new LiveRun("8", 1, 10_000);
    const reader = sseResponse(run, 0).body?.getReader();
    const decoder = new TextDecoder();
    const first = reader?.read();
    for (let index = 0; index < 50; index += 1) run.publish({ type: "chunk", content: `t${index}`, tokens: index + 1 });
    expect(decoder.decode((await first)?.value)).toBe('id: 8:0\ndata: {"type":"chunk","content":"t0","tokens":1}\n\n');
    const rest = decoder.decode((await reader?.read())?.value);
    expect(rest.match(/^id: /gm)).toHaveLength(49);
    expect(
      rest.startsWith("id: 8:1\n") && rest.endsWith('id: 8:49\ndata: {"type":"chunk","content":"t49","tokens":50}\n\n'),
    ).toBe(true);
    await reader?.cancel();
  });

  it("holds events for a reader that has not read yet and hands them over in order, in one write", async () => {
    const run = new LiveRun("9", 1, 10_000);
    const reader = sseResponse(run, 0).body?.getReader();
    run.publish({ type: "chunk", content: "a", tokens: 1 });
    for (let turn = 0; turn < 5; turn += 1) {
      run.publish({ type: "chunk", content: `b${turn}`, tokens: turn + 2 });
      await new Promise((resolve) => setImmediate(resolve));
    }
    run.publish({
      type: "done",
      finishReason: "stop",
      usage: {
        promptTokens: 1,
        completionTokens: 6,
        reasoningTokens: null,
        cachedTokens: null,
        totalTokens: 7,
        source: "provider",
      },
      metrics: { ttftMs: 1, durationMs: 2, tokensPerSecond: null },
    });
    const reads: string[] = [];
    for (;;) {
      const { done, value } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done) break;
      reads.push(new TextDecoder().decode(value));
    }
    expect(reads).toHaveLength(2);
    expect(reads.join("").match(/^id: 9:(\d+)$/gm)).toEqual([
      "id: 9:0",
      "id: 9:1",
      "id: 9:2",
      "id: 9:3",
      "id: 9:4",
      "id: 9:5",
      "id: 9:6",
    ]);
  });
});
