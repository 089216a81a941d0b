import { afterAll, describe, expect, it } from "vitest";
import { redisLimiter } from "@/lib/auth/redis-sign-in-throttle";
import { describeSignInThrottle } from "@/lib/testing/sign-in-throttle-cases";
import { memoryLimiters, SignInThrottle, type Limiters } from "@/lib/auth/sign-in-throttle";
import { RedisLink } from "@/lib/redis/connection";
import { cuttableRedisProxy, redisUnavailableReason, TEST_REDIS_URL, uniqueKeyPrefix } from "@/lib/testing/redis";

const unavailable = await redisUnavailableReason();
if (unavailable) console.warn(`skipping the Redis sign-in throttle tests: ${unavailable}`);

const links: RedisLink[] = [];

function redisThrottle(url: string, prefix: string): { throttle: SignInThrottle; link: RedisLink } {
  const link = new RedisLink(url, prefix);
  links.push(link);
  void link.connect();
  const memory = memoryLimiters();
  const limiters: Limiters = {
    accountAddress: redisLimiter(link, "accountAddress", memory.accountAddress),
    address: redisLimiter(link, "address", memory.address),
    global: redisLimiter(link, "global", memory.global),
    auditOnce: redisLimiter(link, "auditOnce", memory.auditOnce),
  };
  return { throttle: new SignInThrottle(limiters), link };
}

// Each throttle is a separate "instance": its own connection and memory, one shared prefix per test.
async function instances(count: number, url = TEST_REDIS_URL): Promise<SignInThrottle[]> {
  const prefix = uniqueKeyPrefix();
  const made = Array.from({ length: count }, () => redisThrottle(url, prefix));
  await Promise.all(made.map(({ link }) => link.connect()));
  return made.map(({ throttle }) => throttle);
}

afterAll(async () => {
  for (const link of links) {
    if (link.up)
      for await (const keys of link.client.scanIterator({ MATCH: `${link.keyPrefix}*`, COUNT: 500 }))
        if (keys.length > 0) await link.client.del(keys);
    await link.close();
  }
});

describeSignInThrottle("sign-in throttle (Redis, attempts split across two instances)", (count) => instances(count), {
  skip: unavailable !== null,
  instances: 2,
});

describe.skipIf(unavailable !== null)("sign-in throttle while Redis is away", () => {
  it("keeps counting in the instance's memory, so attempts are still limited", async () => {
    const proxy = await cuttableRedisProxy();
    const [throttle] = await instances(1, proxy.url);
    if (!throttle) throw new Error("no throttle made");
    await proxy.cut();
    const results = [];
    for (let attempt = 0; attempt < 8; attempt += 1)
      results.push(await throttle.admit("offline@example.test", "192.0.2.90"));
    expect(results.filter((result) => result.admitted)).toHaveLength(5);
    await proxy.close();
  });
});
