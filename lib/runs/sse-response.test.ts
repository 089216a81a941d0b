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
    expect(text).toBe('id: 5:0\ndata: {"type":"chunk","content":"Hi","tokens":1}\n\nid: 5:1\ndata: {"type":"error","code":"timeout","message":"late"}\n\n');
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
});
