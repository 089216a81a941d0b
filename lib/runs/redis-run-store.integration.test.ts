import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisLink } from "@/lib/redis/connection";
import { LiveRun } from "@/lib/runs/live-run";
import { RedisRunStore } from "@/lib/runs/redis-run-store";
import type { RunEvent } from "@/lib/contracts/run-events";
import { MemoryRunStore } from "@/lib/runs/run-store";
import { cuttableRedisProxy, redisUnavailableReason, TEST_REDIS_URL, uniqueKeyPrefix } from "@/lib/testing/redis";
import { until } from "@/lib/testing/until";

const unavailable = await redisUnavailableReason();
if (unavailable) console.warn(`skipping the Redis run store tests: ${unavailable}`);

const prefix = uniqueKeyPrefix();
const links: RedisLink[] = [];
const stores: RedisRunStore[] = [];
const lostRuns: string[] = [];

async function instance(url = TEST_REDIS_URL): Promise<RedisRunStore> {
  const link = new RedisLink(url, prefix);
  links.push(link);
  const store = new RedisRunStore(link, new MemoryRunStore(), 30_000, async (runId) => {
    lostRuns.push(runId);
  });
  await store.start();
  stores.push(store);
  return store;
}

let nextRunId = 1;
const chunk = (content: string): RunEvent => ({ type: "chunk", content, tokens: content.length });
const done: RunEvent = {
  type: "done",
  finishReason: "stop",
  usage: {
    promptTokens: 1,
    completionTokens: 2,
    reasoningTokens: null,
    cachedTokens: null,
    totalTokens: 3,
    source: "provider",
  },
  metrics: { ttftMs: 1, durationMs: 2, tokensPerSecond: null },
};

function ownedRun(owner: RedisRunStore, graceMs = 10_000): LiveRun {
  const run = new LiveRun(String(nextRunId++), 7, graceMs);
  owner.add(run);
  return run;
}

afterAll(async () => {
  for (const store of stores) await store.stop();
  const cleaner = links[0];
  if (cleaner) {
    for await (const keys of cleaner.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
      if (keys.length > 0) await cleaner.client.del(keys);
  }
  for (const link of links) await link.close();
});

describe.skipIf(unavailable !== null)("the Redis run store", () => {
  let owner: RedisRunStore;
  let other: RedisRunStore;
  beforeAll(async () => {
    owner = await instance();
    other = await instance();
  });

  it("lets another instance read a run from any position, in order, each event once, to its end", async () => {
    const run = ownedRun(owner);
    run.publish({
      type: "start",
      runId: run.runId,
      conversationId: 1,
      configuration: { id: 1, slug: "s", provider: "openai", model: "m" },
    });
    for (const text of ["a", "b", "c"]) run.publish(chunk(text));
    await until(async () => (await other.findElsewhere(run.runId))?.state.eventCount === 4);
    const remote = await other.findElsewhere(run.runId);
    expect(remote?.state).toMatchObject({ ownerUserId: 7, finished: false, ownerAlive: true });
    const seen: Array<[number, string]> = [];
    const detach = remote?.attach(2, (seq, event) =>
      seen.push([seq, event.type === "chunk" ? event.content : event.type]),
    );
    run.publish(chunk("d"));
    run.publish(done);
    await until(() => seen.length === 4);
    detach?.();
    expect(seen).toEqual([
      [2, "b"],
      [3, "c"],
      [4, "d"],
      [5, "done"],
    ]);
    await until(async () => (await other.findElsewhere(run.runId))?.state.finished === true);
    expect(owner.get(run.runId)).toBe(run);
    expect(await owner.findElsewhere(run.runId)).toBeNull();
  });

  it("forwards a stop to the owner, and answers once the owner has settled the run", async () => {
    const run = ownedRun(owner);
    let settle: () => void = () => undefined;
    run.track(new Promise((resolve) => (settle = resolve)));
    run.abortController.signal.addEventListener("abort", () => {
      run.publish(done);
      setTimeout(settle, 100);
    });
    run.publish(chunk("x"));
    await until(async () => (await other.findElsewhere(run.runId)) !== null);
    const remote = await other.findElsewhere(run.runId);
    expect(await remote?.stop(3000)).toBe("stopped");
    expect(run.abortReason).toBe("stop");
    expect((await other.findElsewhere(run.runId))?.state).toMatchObject({ finished: true, settled: true });
  });

  it("counts a client reading on another instance toward the owner's grace window", async () => {
    const run = ownedRun(owner, 300);
    run.publish(chunk("x"));
    await until(async () => (await other.findElsewhere(run.runId)) !== null);
    run.attach(0, () => undefined)();
    const detachRemote = (await other.findElsewhere(run.runId))?.attach(1, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(run.abortController.signal.aborted).toBe(false);
    detachRemote?.();
    await until(() => run.abortReason === "abandoned", 2000);
  });

  it("sees a run whose owner stopped as lost, and tells its reader so", async () => {
    const doomed = await instance();
    const run = ownedRun(doomed);
    run.publish(chunk("x"));
    await until(async () => (await other.findElsewhere(run.runId)) !== null);
    await doomed.stop();
    const remote = await other.findElsewhere(run.runId);
    expect(remote?.state.ownerAlive).toBe(false);
    const seen: RunEvent[] = [];
    remote?.attach(0, (_seq, event) => seen.push(event));
    await until(() => seen.some((event) => event.type === "error"), 5000);
    expect(seen.map((event) => event.type)).toEqual(["chunk", "error"]);
    expect(lostRuns).toContain(run.runId);
  });

  it("keeps streaming to the owner's own clients while Redis is unreachable, and reports it down", async () => {
    const proxy = await cuttableRedisProxy();
    const flaky = await instance(proxy.url);
    const link = links[links.length - 1];
    expect(await link?.health()).toBe("ok");
    const run = ownedRun(flaky);
    const seen: string[] = [];
    run.attach(0, (_seq, event) => seen.push(event.type === "chunk" ? event.content : event.type));
    run.publish(chunk("before"));
    await proxy.cut();
    run.publish(chunk("during"));
    run.publish(done);
    expect(seen).toEqual(["before", "during", "done"]);
    await until(async () => (await link?.health()) === "down");
  });
});
