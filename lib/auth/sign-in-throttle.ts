// Counts sign-in attempts before their password is checked: per account and address, per address,
// and for the whole deployment. Each count is one atomic step in its store (this process's memory,
// or Redis when REDIS_URL is set, so every instance counts the same attempts), so parallel
// attempts cannot all see "under the limit". Nothing locks an account for everyone: the account
// limit is per client address.
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisLimiter } from "@/lib/auth/redis-sign-in-throttle";
import { accountAddressKey, addressBucket, LIMITS, type LimiterName } from "@/lib/auth/sign-in-limits";
import { redisLink } from "@/lib/redis/connection";
import { processSingleton } from "@/lib/process-singleton";

export type Limiters = Record<LimiterName, RateLimiterAbstract>;

/** Why an attempt was refused: too many for this account from here, from this address, or overall. */
export type RefusalScope = "account" | "address" | "busy";

export type Admission = { admitted: true; bucket: string; accountKey: string };
export type Refusal = {
  admitted: false;
  scope: RefusalScope;
  retryAfterSeconds: number;
  /** The first refusal of this key in its window: the one worth an audit entry. */
  first: boolean;
};

const GLOBAL_KEY = "all";

function isLimitReached(error: unknown): error is RateLimiterRes {
  return error instanceof RateLimiterRes;
}

function refusal(scope: RefusalScope, result: RateLimiterRes, points: number): Refusal {
  return {
    admitted: false,
    scope,
    retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
    first: result.consumedPoints === points + 1,
  };
}

export class SignInThrottle {
  constructor(private readonly limiters: Limiters) {}

  /** Counts one attempt; admitted means its password may be checked now. */
  async admit(email: string, address: string | null): Promise<Admission | Refusal> {
    const bucket = addressBucket(address);
    const accountKey = accountAddressKey(email, bucket);
    const steps: Array<[LimiterName, string, RefusalScope]> = [
      // The narrowest first: a burst on one account is refused there and costs the address nothing.
      ["accountAddress", accountKey, "account"],
      ["address", bucket, "address"],
      ["global", GLOBAL_KEY, "busy"],
    ];
    const counted: Array<[LimiterName, string]> = [];
    for (const [name, key, scope] of steps) {
      try {
        await this.limiters[name].consume(key);
        counted.push([name, key]);
      } catch (error) {
        if (!isLimitReached(error)) throw error;
        // The refused attempt checks no password, so the earlier limits do not keep it.
        await this.giveBack(counted);
        return refusal(scope, error, LIMITS[name].points);
      }
    }
    return { admitted: true, bucket, accountKey };
  }

  /** An admitted attempt that checked no password after all (the hash queue was full). */
  async refund(admission: Admission): Promise<void> {
    await this.giveBack([
      ["address", admission.bucket],
      ["accountAddress", admission.accountKey],
      ["global", GLOBAL_KEY],
    ]);
  }

  /** A right password: this account's failures from this address are forgotten, and the address keeps its attempt. */
  async succeeded(admission: Admission): Promise<void> {
    await this.limiters.accountAddress.delete(admission.accountKey);
    await this.giveBack([["address", admission.bucket]]);
  }

  /** True the first time per window a key is seen (one audit entry instead of one per attempt). */
  async firstInWindow(key: string): Promise<boolean> {
    try {
      await this.limiters.auditOnce.consume(key);
      return true;
    } catch (error) {
      if (isLimitReached(error)) return false;
      throw error;
    }
  }

  private async giveBack(counted: Array<[LimiterName, string]>): Promise<void> {
    await Promise.all(counted.map(([name, key]) => this.limiters[name].reward(key, 1)));
  }
}

/** The limiters kept in this process's memory. */
export function memoryLimiters(): Limiters {
  return {
    accountAddress: new RateLimiterMemory({ ...LIMITS.accountAddress, keyPrefix: "account-address" }),
    address: new RateLimiterMemory({ ...LIMITS.address, keyPrefix: "address" }),
    global: new RateLimiterMemory({ ...LIMITS.global, keyPrefix: "global" }),
    auditOnce: new RateLimiterMemory({ ...LIMITS.auditOnce, keyPrefix: "audit-once" }),
  };
}

/** The process's throttle: counted in Redis when REDIS_URL is set, else in memory. */
export function signInThrottle(): SignInThrottle {
  return processSingleton("signInThrottle", () => {
    const link = redisLink();
    const memory = memoryLimiters();
    return new SignInThrottle(
      link
        ? {
            accountAddress: redisLimiter(link, "accountAddress", memory.accountAddress),
            address: redisLimiter(link, "address", memory.address),
            global: redisLimiter(link, "global", memory.global),
            auditOnce: redisLimiter(link, "auditOnce", memory.auditOnce),
          }
        : memory,
    );
  });
}
