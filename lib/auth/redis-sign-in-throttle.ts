import { randomBytes } from "node:crypto";
import { keysFor, waitMsFor, WINDOW_MS, type SignInThrottle } from "@/lib/auth/sign-in-limits";
import type { RedisLink } from "@/lib/redis/connection";

/**
 * The sign-in throttle in Redis: one sorted set of failure times per email and per address,
 * expiring with the window. While Redis is unreachable this instance counts on its own (`fallback`).
 */
export class RedisSignInThrottle implements SignInThrottle {
  constructor(
    private readonly link: RedisLink,
    private readonly fallback: SignInThrottle,
  ) {}

  async retryAfterSeconds(email: string, address: string | null, now = Date.now()): Promise<number> {
    try {
      let waitMs = 0;
      for (const { key, limit } of keysFor(email, address)) {
        const times = (await this.link.client.zRangeByScore(this.redisKey(key), now - WINDOW_MS + 1, "+inf")).map((member) => Number(member.split("-")[0]));
        waitMs = Math.max(waitMs, waitMsFor(times, limit, now));
      }
      return Math.ceil(waitMs / 1000);
    } catch (error) {
      return this.degraded(error, () => this.fallback.retryAfterSeconds(email, address, now));
    }
  }

  async recordFailure(email: string, address: string | null, now = Date.now()): Promise<void> {
    try {
      const multi = this.link.client.multi();
      for (const { key } of keysFor(email, address)) {
        const redisKey = this.redisKey(key);
        // The member carries the time (the score too) and a nonce, so equal times count twice.
        multi.zAdd(redisKey, { score: now, value: `${now}-${randomBytes(4).toString("hex")}` });
        multi.zRemRangeByScore(redisKey, "-inf", now - WINDOW_MS);
        multi.pExpire(redisKey, WINDOW_MS);
      }
      await multi.exec();
    } catch (error) {
      await this.degraded(error, () => this.fallback.recordFailure(email, address, now));
    }
  }

  async clear(email: string): Promise<void> {
    await this.fallback.clear(email);
    await this.link.client.del(this.redisKey(`email:${email.toLowerCase()}`)).catch((error: unknown) => this.degraded(error, () => Promise.resolve()));
  }

  private redisKey(key: string): string {
    return this.link.key("sign-in-failures", key);
  }

  private degraded<T>(error: unknown, local: () => Promise<T>): Promise<T> {
    console.error("sign-in throttle: redis is unreachable, counting in this instance only:", error instanceof Error ? error.message : error);
    return local();
  }
}
