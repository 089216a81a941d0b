import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveRun } from "@/lib/runs/live-run";
import type { RunEvent } from "@/lib/contracts/run-events";

const chunk = (content: string, tokens: number): RunEvent => ({ type: "chunk", content, tokens });

afterEach(() => {
  vi.useRealTimers();
});

describe("a live run", () => {
  it("replays what a reconnecting client missed, then delivers live, each event once", () => {
    const run = new LiveRun("7", 1, 10_000);
    run.publish(chunk("a", 1));
    run.publish(chunk("b", 2));
    const seen: Array<[number, string]> = [];
    const detach = run.attach(1, (seq, event) => seen.push([seq, event.type === "chunk" ? event.content : event.type]));
    run.publish(chunk("c", 3));
    detach();
    expect(seen).toEqual([
      [1, "b"],
      [2, "c"],
    ]);
  });

  it("ignores events after its final one", () => {
    const run = new LiveRun("8", 1, 10_000);
    run.publish({ type: "error", code: "timeout", message: "late" });
    run.publish(chunk("too late", 1));
    expect(run.eventCount).toBe(1);
    expect(run.finished).toBe(true);
  });

  it("is abandoned only when no client comes back within the grace window", () => {
    vi.useFakeTimers();
    const run = new LiveRun("9", 1, 10_000);
    const first = run.attach(0, () => undefined);
    first();
    vi.advanceTimersByTime(9_000);
    const second = run.attach(0, () => undefined);
    vi.advanceTimersByTime(5_000);
    expect(run.abortController.signal.aborted).toBe(false);
    second();
    vi.advanceTimersByTime(10_001);
    expect(run.abortController.signal.aborted).toBe(true);
    expect(run.abortReason).toBe("abandoned");
  });

  it("cancels at once on disconnect when the grace window is 0", () => {
    const run = new LiveRun("10", 1, 0);
    run.attach(0, () => undefined)();
    expect(run.abortReason).toBe("abandoned");
  });

  it("keeps the first abort reason", () => {
    const run = new LiveRun("11", 1, 0);
    run.abort("stop");
    run.abort("timeout");
    expect(run.abortReason).toBe("stop");
  });

  it("waits for its tracked work, then lets go of it (a promise holds the whole request's context)", async () => {
    const run = new LiveRun("12", 1, 0);
    let finish = () => {};
    const work = new Promise<void>((resolve) => (finish = resolve));
    run.track(work);
    let settled = false;
    const waiting = run.whenSettled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finish();
    await waiting;
    expect(settled).toBe(true);
    expect(run.whenSettled()).not.toBe(work);
    await expect(run.whenSettled()).resolves.toBeUndefined();
  });
});
