import type { RedisLink } from "@/lib/redis/connection";

/** The outcome of a claim: granted, or refused with how many slots the user holds. */
export type SlotClaim = { granted: true } | { granted: false; live: number };

/**
 * Per-user slots of streaming runs. Every slot expires `ttlMs` after it was claimed or last
 * renewed, so a slot whose holder died (an instance killed mid-run) frees itself.
 */
export interface SlotLedger {
  /** Adds every slot id, atomically, when the user's live slots plus these stay within `cap`. */
  claim(user: string, slotIds: string[], cap: number, ttlMs: number): Promise<SlotClaim>;
  /** The user's live slots now. */
  live(user: string): Promise<number>;
  renew(user: string, slotIds: string[], ttlMs: number): Promise<void>;
  release(user: string, slotIds: string[]): Promise<void>;
}

/** Slots in this process only. */
export class MemorySlotLedger implements SlotLedger {
  private readonly users = new Map<string, Map<string, number>>();

  claim(user: string, slotIds: string[], cap: number, ttlMs: number): Promise<SlotClaim> {
    const slots = this.pruned(user);
    if (slots.size + slotIds.length > cap) return Promise.resolve({ granted: false, live: slots.size });
    for (const slotId of slotIds) slots.set(slotId, Date.now() + ttlMs);
    this.users.set(user, slots);
    return Promise.resolve({ granted: true });
  }

  live(user: string): Promise<number> {
    return Promise.resolve(this.pruned(user).size);
  }

  renew(user: string, slotIds: string[], ttlMs: number): Promise<void> {
    const slots = this.users.get(user);
    for (const slotId of slotIds) if (slots?.has(slotId)) slots.set(slotId, Date.now() + ttlMs);
    return Promise.resolve();
  }

  release(user: string, slotIds: string[]): Promise<void> {
    const slots = this.users.get(user);
    for (const slotId of slotIds) slots?.delete(slotId);
    if (slots?.size === 0) this.users.delete(user);
    return Promise.resolve();
  }

  private pruned(user: string): Map<string, number> {
    const slots = this.users.get(user) ?? new Map<string, number>();
    const now = Date.now();
    for (const [slotId, expiresAt] of slots) if (expiresAt <= now) slots.delete(slotId);
    return slots;
  }
}

// Redis' own clock (TIME), so instances with skewed clocks agree on what has expired.
const NOW_MS = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";

// KEYS[1] the user's sorted set (score = expiry). ARGV: cap, ttl, slot ids. -1 when granted, else the live count.
const CLAIM = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local live = redis.call('ZCARD', KEYS[1])
if live + #ARGV - 2 > tonumber(ARGV[1]) then return live end
for i = 3, #ARGV do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return -1`;

// Added again if it lapsed meanwhile (a Redis outage longer than the ttl): the run still streams.
const RENEW = `${NOW_MS}
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 0`;

const LIVE = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])`;

function countReply(reply: unknown): number {
  if (typeof reply !== "number") throw new Error(`unexpected reply from Redis: ${typeof reply}`);
  return reply;
}

/** Slots shared by every instance: one sorted set per user, claimed by a script (atomic). */
export class RedisSlotLedger implements SlotLedger {
  constructor(private readonly link: RedisLink) {}

  async claim(user: string, slotIds: string[], cap: number, ttlMs: number): Promise<SlotClaim> {
    const reply = countReply(
      await this.link.client.eval(CLAIM, {
        keys: [this.key(user)],
        arguments: [String(cap), String(ttlMs), ...slotIds],
      }),
    );
    return reply < 0 ? { granted: true } : { granted: false, live: reply };
  }

  async live(user: string): Promise<number> {
    return countReply(await this.link.client.eval(LIVE, { keys: [this.key(user)], arguments: [] }));
  }

  async renew(user: string, slotIds: string[], ttlMs: number): Promise<void> {
    await this.link.client.eval(RENEW, { keys: [this.key(user)], arguments: [String(ttlMs), ...slotIds] });
  }

  async release(user: string, slotIds: string[]): Promise<void> {
    await this.link.client.zRem(this.key(user), slotIds);
  }

  private key(user: string): string {
    return this.link.key("run-slots", user);
  }
}
