import { afterAll, describe, expect, it } from "vitest";
import { RedisSignInThrottle } from "@/lib/auth/redis-sign-in-throttle";
import { describeSignInThrottle } from "@/lib/auth/sign-in-throttle-cases";
import { MemorySignInThrottle } from "@/lib/auth/sign-in-throttle";
import { RedisLink } from "@/lib/redis/connection";
import { redisUnavailableReason, TEST_REDIS_URL, uniqueKeyPrefix } from "@/lib/testing/redis";

const unavailable = await redisUnavailableReason();
if (unavailable) console.warn(`skipping the Redis sign-in throttle tests: ${unavailable}`);

const links: RedisLink[] = [];
// Each throttle is a separate "instance": its own connection and memory, one shared prefix per test.
function instances(prefix: string, count: number): RedisSignInThrottle[] {
  return Array.from({ length: count }, () => {
    const link = new RedisLink(TEST_REDIS_URL, prefix);
    links.push(link);
    void link.connect();
    return new RedisSignInThrottle(link, new MemorySignInThrottle());
  });
}

afterAll(async () => {
  for (const link of links) {
    for await (const keys of link.client.scanIterator({ MATCH: `${link.keyPrefix}*`, COUNT: 500 })) if (keys.length > 0) await link.client.del(keys);
    await link.close();
  }
});

describeSignInThrottle("sign-in throttle (Redis)", () => instances(uniqueKeyPrefix(), 1)[0] as RedisSignInThrottle, { skip: unavailable !== null });

describe.skipIf(unavailable !== null)("sign-in throttle across instances", () => {
  it("counts failures seen by different instances together", async () => {
    const [first, second] = instances(uniqueKeyPrefix(), 2);
    const now = Date.now();
    for (let attempt = 0; attempt < 3; attempt += 1) await first?.recordFailure("shared@example.test", null, now);
    for (let attempt = 0; attempt < 2; attempt += 1) await second?.recordFailure("shared@example.test", null, now);
    expect(await first?.retryAfterSeconds("shared@example.test", null, now)).toBeGreaterThan(14 * 60);
    await second?.clear("shared@example.test");
    expect(await first?.retryAfterSeconds("shared@example.test", null, now)).toBe(0);
  });
});
