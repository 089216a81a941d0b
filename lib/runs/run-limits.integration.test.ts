import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { RedisLink } from "@/lib/redis/connection";
import { LiveRun } from "@/lib/runs/live-run";
import { RunLimits, type RunLimitSettings, type RunSlot } from "@/lib/runs/run-limits";
import { cuttableRedisProxy, redisUnavailableReason, TEST_REDIS_URL, uniqueKeyPrefix } from "@/lib/testing/redis";
import { until } from "@/lib/testing/until";

// The per-user run limits on their own: slots released however a run ends, the start window,
// room for a compare set, and (with Redis) one count shared by every instance.

const unavailable = await redisUnavailableReason();
if (unavailable) console.warn(`skipping the Redis run-limit tests: ${unavailable}`);

const settings: RunLimitSettings = { concurrencyPerUser: 3, startsPerMinute: 100, connectionTestsPerMinute: 2 };
const fast = { ttlMs: 400, renewEveryMs: 100 };
let nextUser = 1;
const someone = () => ({ userId: 10_000 + nextUser++ });

async function refusal(attempt: Promise<unknown>): Promise<AppError> {
  const error = await attempt.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

let nextRun = 1;
/** A live run whose work settles when `end` is called with its final event. */
function liveRun(): { run: LiveRun; end: (how: "done" | "error") => void; abort: () => void } {
  const run = new LiveRun(`limits-${nextRun++}`, 1, 60_000);
  let settle = () => {};
  run.track(new Promise<void>((resolve) => (settle = resolve)));
  const end = (how: "done" | "error") => {
    run.publish(
      how === "done"
        ? {
            type: "done",
            finishReason: "stop",
            usage: {
              promptTokens: 1,
              completionTokens: 1,
              reasoningTokens: null,
              cachedTokens: null,
              totalTokens: 2,
              source: "provider",
            },
            metrics: { ttftMs: 1, durationMs: 1, tokensPerSecond: null },
          }
        : { type: "error", code: "upstream_error", message: "boom" },
    );
    settle();
  };
  return { run, end, abort: () => run.abort("stop") };
}

async function fill(limits: RunLimits, user: { userId: number }, count: number): Promise<RunSlot[]> {
  const slots: RunSlot[] = [];
  for (let index = 0; index < count; index += 1) slots.push(await limits.admit(user));
  return slots;
}

describe("run limits in one instance", () => {
  it("admits the cap and refuses the next with a 429 and Retry-After, per user", async () => {
    const limits = new RunLimits(settings, null);
    const viewer = someone();
    await fill(limits, viewer, 3);
    const refused = await refusal(limits.admit(viewer));
    expect(refused.code).toBe("rate_limited");
    expect(refused.status).toBe(429);
    expect(refused.headers).toEqual({ "Retry-After": "5" });
    expect(refused.message).toContain("You have 3 replies streaming and the limit is 3 per user");
    // Another user is counted apart.
    await expect(limits.admit(someone())).resolves.toBeDefined();
  });

  it("frees the slot once the run ends, however it ends, and only once", async () => {
    const limits = new RunLimits(settings, null);
    const viewer = someone();
    const runs = [liveRun(), liveRun(), liveRun()];
    const slots = await fill(limits, viewer, 3);
    slots.forEach((slot, index) => slot.holdFor(runs[index]?.run ?? liveRun().run));
    await expect(limits.admit(viewer)).rejects.toThrow(AppError);

    for (const [index, ending] of (["done", "error", "stop"] as const).entries()) {
      const run = runs[index];
      if (!run) throw new Error("no run");
      if (ending === "stop") {
        run.abort();
        run.end("done");
      } else run.end(ending);
      await until(
        async () =>
          (await limits.admit(viewer).then(
            (slot) => (slots.push(slot), true),
            () => false,
          )) === true,
      );
      // Released twice (the run's end, then by hand) is still one slot back.
      slots[index]?.release();
      await expect(limits.admit(viewer)).rejects.toThrow(AppError);
    }
  });

  it("gives a slot back when the run never started (giveBack), and lets an unbound slot lapse", async () => {
    const limits = new RunLimits(settings, null, fast);
    const viewer = someone();
    const [first] = await fill(limits, viewer, 3);
    await expect(Promise.reject(new Error("insert failed")).catch(first?.giveBack)).rejects.toThrow("insert failed");
    await expect(limits.admit(viewer)).resolves.toBeDefined();
    await expect(limits.admit(viewer)).rejects.toThrow(AppError);
    // Slots taken by a request that died before its run existed lapse after the ttl.
    await until(
      async () =>
        (await limits.admit(viewer).then(
          () => true,
          () => false,
        )) === true,
      2000,
    );
  });

  it("keeps a long run's slot while it streams (renewed), past the ttl", async () => {
    const limits = new RunLimits({ ...settings, concurrencyPerUser: 1 }, null, fast);
    const viewer = someone();
    const { run, end } = liveRun();
    (await limits.admit(viewer)).holdFor(run);
    await new Promise((resolve) => setTimeout(resolve, 3 * fast.ttlMs));
    await expect(limits.admit(viewer)).rejects.toThrow(AppError);
    end("done");
    await until(
      async () =>
        (await limits.admit(viewer).then(
          () => true,
          () => false,
        )) === true,
    );
  });

  it("counts starts per minute, refused ones included, and says when to try again", async () => {
    const limits = new RunLimits({ ...settings, concurrencyPerUser: 0, startsPerMinute: 4 }, null);
    const viewer = someone();
    for (const slot of await fill(limits, viewer, 4)) slot.release();
    const refused = await refusal(limits.admit(viewer));
    expect(refused.code).toBe("rate_limited");
    expect(refused.message).toMatch(
      /You started 4 replies in the last minute, the limit per user\. Try again in \d+ s\./u,
    );
    expect(Number(refused.headers["Retry-After"])).toBeGreaterThan(50);
    expect(Number(refused.headers["Retry-After"])).toBeLessThanOrEqual(60);
  });

  it("does not spend a start when the concurrency cap refuses", async () => {
    const limits = new RunLimits({ ...settings, concurrencyPerUser: 1, startsPerMinute: 2 }, null);
    const viewer = someone();
    const [slot] = await fill(limits, viewer, 1);
    for (let attempt = 0; attempt < 5; attempt += 1) await expect(limits.admit(viewer)).rejects.toThrow(/streaming/u);
    slot?.release();
    await expect(limits.admit(viewer)).resolves.toBeDefined();
  });

  it("checks room for a compare set of N columns: over the cap is a 400, over what is free a 429", async () => {
    const limits = new RunLimits(settings, null);
    const viewer = someone();
    expect((await refusal(limits.assertRoomFor(viewer, 4))).code).toBe("invalid_params");
    await limits.assertRoomFor(viewer, 3);
    await fill(limits, viewer, 2);
    const refused = await refusal(limits.assertRoomFor(viewer, 2));
    expect(refused.code).toBe("rate_limited");
    expect(refused.message).toContain("so 2 more cannot start now");
    await limits.assertRoomFor(viewer, 1);
  });

  it("limits connection tests per minute", async () => {
    const limits = new RunLimits(settings, null);
    const viewer = someone();
    await limits.admitConnectionTest(viewer);
    await limits.admitConnectionTest(viewer);
    const refused = await refusal(limits.admitConnectionTest(viewer));
    expect(refused.message).toMatch(/You ran 2 connection tests in the last minute/u);
    expect(refused.headers["Retry-After"]).toBeDefined();
  });

  it("admits everything with 0 (no limit)", async () => {
    const limits = new RunLimits({ concurrencyPerUser: 0, startsPerMinute: 0, connectionTestsPerMinute: 0 }, null);
    const viewer = someone();
    await fill(limits, viewer, 50);
    await limits.assertRoomFor(viewer, 50);
  });
});

describe.skipIf(unavailable !== null)("run limits shared through Redis", () => {
  const prefix = uniqueKeyPrefix();
  const links: RedisLink[] = [];
  const link = async (url = TEST_REDIS_URL) => {
    const created = new RedisLink(url, prefix);
    links.push(created);
    await created.connect();
    return created;
  };

  afterAll(async () => {
    const cleaner = links[0];
    if (cleaner?.up) {
      for await (const keys of cleaner.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
        if (keys.length > 0) await cleaner.client.del(keys);
    }
    for (const each of links) await each.close();
  });

  it("counts one cap over two instances, and frees it on either's run end", async () => {
    const a = new RunLimits(settings, await link());
    const b = new RunLimits(settings, await link());
    const viewer = someone();
    const { run, end } = liveRun();
    (await a.admit(viewer)).holdFor(run);
    await fill(b, viewer, 2);
    expect((await refusal(a.admit(viewer))).message).toContain("You have 3 replies streaming");
    expect((await refusal(b.admit(viewer))).code).toBe("rate_limited");
    expect((await refusal(b.assertRoomFor(viewer, 1))).code).toBe("rate_limited");
    end("done");
    await until(
      async () =>
        (await b.admit(viewer).then(
          () => true,
          () => false,
        )) === true,
    );
  });

  it("admits exactly the cap from many parallel starts on two instances", async () => {
    const a = new RunLimits(settings, await link());
    const b = new RunLimits(settings, await link());
    const viewer = someone();
    const attempts = await Promise.allSettled(
      Array.from({ length: 30 }, (_, index) => (index % 2 ? a : b).admit(viewer)),
    );
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(3);
  });

  it("frees the slots of an instance that died mid-run once they lapse", async () => {
    const timing = { ttlMs: 500, renewEveryMs: 100 };
    const dead = new RunLimits({ ...settings, concurrencyPerUser: 1 }, await link(), timing);
    const alive = new RunLimits({ ...settings, concurrencyPerUser: 1 }, await link(), timing);
    const viewer = someone();
    // Taken and never released nor renewed: what a killed process leaves behind.
    await dead.admit(viewer);
    await expect(alive.admit(viewer)).rejects.toThrow(AppError);
    await until(
      async () =>
        (await alive.admit(viewer).then(
          () => true,
          () => false,
        )) === true,
      3000,
    );
  });

  it("shares the start window between instances", async () => {
    const shared = { ...settings, concurrencyPerUser: 0, startsPerMinute: 3 };
    const a = new RunLimits(shared, await link());
    const b = new RunLimits(shared, await link());
    const viewer = someone();
    await fill(a, viewer, 2);
    await fill(b, viewer, 1);
    expect((await refusal(a.admit(viewer))).message).toContain("You started 3 replies in the last minute");
    expect((await refusal(b.admit(viewer))).code).toBe("rate_limited");
  });

  it("counts in the instance alone while Redis is unreachable", async () => {
    const proxy = await cuttableRedisProxy();
    try {
      const limits = new RunLimits({ ...settings, concurrencyPerUser: 2 }, await link(proxy.url));
      const viewer = someone();
      await proxy.cut();
      await fill(limits, viewer, 2);
      expect((await refusal(limits.admit(viewer))).code).toBe("rate_limited");
    } finally {
      await proxy.close();
    }
  });
});
