import { RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { LIMITS, type LimiterName } from "@/lib/auth/sign-in-limits";
import type { RedisLink } from "@/lib/redis/connection";

/**
 * One sign-in limiter in Redis: a counter per key, incremented and given its expiry in one Lua
 * script, so instances counting at once never both see room for one more. While Redis is
 * unreachable this instance counts on its own (`insurance`, this process's memory).
 */
export function redisLimiter(link: RedisLink, name: LimiterName, insurance: RateLimiterAbstract): RateLimiterAbstract {
  return new RateLimiterRedis({
    ...LIMITS[name],
    storeClient: link.client,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    keyPrefix: link.key("sign-in", name),
    insuranceLimiter: insurance,
  });
}
