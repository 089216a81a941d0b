// Slows guessing: after too many failed sign-ins for one email, or from one address, within the
// window, further attempts are refused until the window has passed. Kept in this process's memory,
// or in Redis when REDIS_URL is set, so every instance counts the same failures.
import { RedisSignInThrottle } from "@/lib/auth/redis-sign-in-throttle";
import { keysFor, MAX_KEYS, waitMsFor, WINDOW_MS, type SignInThrottle } from "@/lib/auth/sign-in-limits";
import { redisLink } from "@/lib/redis/connection";

export class MemorySignInThrottle implements SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  retryAfterSeconds(email: string, address: string | null, now = Date.now()): Promise<number> {
    const waitMs = Math.max(0, ...keysFor(email, address).map(({ key, limit }) => waitMsFor(this.recent(key, now), limit, now)));
    return Promise.resolve(Math.ceil(waitMs / 1000));
  }

  recordFailure(email: string, address: string | null, now = Date.now()): Promise<void> {
    if (this.failures.size > MAX_KEYS) {
      for (const key of [...this.failures.keys()]) this.recent(key, now);
    }
    for (const { key } of keysFor(email, address)) this.failures.set(key, [...this.recent(key, now), now]);
    return Promise.resolve();
  }

  clear(email: string): Promise<void> {
    this.failures.delete(`email:${email.toLowerCase()}`);
    return Promise.resolve();
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((time) => now - time < WINDOW_MS);
    if (kept.length > 0) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}

const globalForThrottle = globalThis as unknown as { llmManagerSignInThrottle?: SignInThrottle };

/** The process's throttle: shared through Redis when REDIS_URL is set. */
export function signInThrottle(): SignInThrottle {
  if (!globalForThrottle.llmManagerSignInThrottle) {
    const link = redisLink();
    const memory = new MemorySignInThrottle();
    globalForThrottle.llmManagerSignInThrottle = link ? new RedisSignInThrottle(link, memory) : memory;
  }
  return globalForThrottle.llmManagerSignInThrottle;
}
