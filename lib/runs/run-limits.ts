import { randomUUID } from "node:crypto";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Actor } from "@/lib/db/actor";
import { runLimitsEnv, type RunLimitsEnv } from "@/lib/env";
import { AppError, errorMessage } from "@/lib/errors";
import { redisLink, type RedisLink } from "@/lib/redis/connection";
import type { LiveRun } from "@/lib/runs/live-run";
import { MemorySlotLedger, RedisSlotLedger, type SlotLedger } from "@/lib/runs/run-slots";
import { processSingleton } from "@/lib/process-singleton";

// Per-user limits on starting runs: how many may stream at once (slots, released when the run
// ends) and how many may start per minute (a fixed window). Both are checked before any stream
// opens, any provider request goes out or anything is saved. With REDIS_URL every instance
// shares the counts; while Redis is unreachable each instance counts on its own.

/** A slot lapses this long after its last renewal: what a crashed instance's runs hold on to. */
const SLOT_TTL_MS = 30_000;
const RENEW_EVERY_MS = 10_000;
// Nobody knows when a streaming reply will end; a short wait suits a client that retries.
const BUSY_RETRY_AFTER_SECONDS = 5;
const WINDOW_SECONDS = 60;

export type RunLimitSettings = Pick<
  RunLimitsEnv,
  "concurrencyPerUser" | "startsPerMinute" | "connectionTestsPerMinute"
>;
/** How long a slot lives without renewal, and how often a live run renews it. */
export type SlotTiming = { ttlMs: number; renewEveryMs: number };
const SLOT_TIMING: SlotTiming = { ttlMs: SLOT_TTL_MS, renewEveryMs: RENEW_EVERY_MS };

type Holder = Pick<LiveRun, "finished" | "whenSettled">;

function logFailure(what: string) {
  return (error: unknown) => console.error(`run limits: ${what} failed:`, errorMessage(error));
}

/**
 * The streaming slots one admission took. Bound to its run with `holdFor`, it is renewed while
 * the run streams and released once the run has ended, however it ended; `release` gives it back
 * at once (the run never started). Released at most once.
 */
export class RunSlot {
  private released = false;
  private renewal: NodeJS.Timeout | undefined;

  constructor(
    private readonly ledger: SlotLedger | null,
    private readonly user: string,
    readonly slotIds: string[],
    private readonly timing: SlotTiming = SLOT_TIMING,
  ) {}

  /** Keeps the slots until `run` ends; returns the run. */
  holdFor<T extends Holder>(run: T): T {
    if (!this.ledger || this.released) return run;
    const ledger = this.ledger;
    this.renewal = setInterval(() => {
      // Its final event is out (and the reply saved): over, even if its work has not settled.
      if (run.finished) this.release();
      else void ledger.renew(this.user, this.slotIds, this.timing.ttlMs).catch(logFailure("renewing a run slot"));
    }, this.timing.renewEveryMs);
    this.renewal.unref();
    void run.whenSettled().then(
      () => this.release(),
      () => this.release(),
    );
    return run;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    clearInterval(this.renewal);
    void this.ledger?.release(this.user, this.slotIds).catch(logFailure("releasing a run slot"));
  }

  /** For `.catch(slot.giveBack)`: releases the slots and rethrows. */
  readonly giveBack = (error: unknown): never => {
    this.release();
    throw error;
  };
}

function windowLimiter(link: RedisLink | null, name: string, points: number): RateLimiterAbstract | null {
  if (points === 0) return null;
  const local = new RateLimiterMemory({ keyPrefix: name, points, duration: WINDOW_SECONDS });
  if (!link) return local;
  // The memory limiter stands in while Redis is unreachable.
  return new RateLimiterRedis({
    storeClient: link.client,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    keyPrefix: link.key(name),
    points,
    duration: WINDOW_SECONDS,
    insuranceLimiter: local,
  });
}

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The run limits of one process (the app has one: `runLimits()`). */
export class RunLimits {
  private readonly local = new MemorySlotLedger();
  private readonly shared: SlotLedger | null;
  private readonly starts: RateLimiterAbstract | null;
  private readonly tests: RateLimiterAbstract | null;

  constructor(
    private readonly settings: RunLimitSettings,
    link: RedisLink | null,
    private readonly timing: SlotTiming = SLOT_TIMING,
  ) {
    this.shared = link ? new RedisSlotLedger(link) : null;
    this.starts = windowLimiter(link, "run-starts", settings.startsPerMinute);
    this.tests = windowLimiter(link, "connection-tests", settings.connectionTestsPerMinute);
  }

  /** Admits `runs` new runs for the actor, or throws a 429 saying which limit and when to retry. */
  async admit(actor: Pick<Actor, "userId">, runs = 1): Promise<RunSlot> {
    const user = userKey(actor);
    const slot = await this.claim(user, runs);
    try {
      await this.consume(
        this.starts,
        user,
        runs,
        (seconds) =>
          `You started ${plural(this.settings.startsPerMinute, "reply", "replies")} in the last minute, the limit per user. Try again in ${seconds} s.`,
      );
    } catch (error) {
      slot.release();
      throw error;
    }
    return slot;
  }

  /** Refuses (400/429) a set of `runs` replies meant to stream together that the limits would refuse now; takes nothing. */
  async assertRoomFor(actor: Pick<Actor, "userId">, runs: number): Promise<void> {
    const user = userKey(actor);
    const cap = this.settings.concurrencyPerUser;
    if (cap > 0) {
      if (runs > cap)
        throw new AppError(
          "invalid_params",
          `That is ${runs} replies streaming at once, over the limit of ${cap} per user. Pick at most ${cap} configurations.`,
        );
      const live = await this.liveSlots(user);
      if (live + runs > cap) throw this.busy(live, runs);
    }
    const starts = this.settings.startsPerMinute;
    if (this.starts && starts > 0) {
      const used = await this.starts.get(user).catch(() => null);
      if (used && used.consumedPoints + runs > starts) {
        const seconds = secondsUntil(used.msBeforeNext);
        throw new AppError(
          "rate_limited",
          `These ${runs} replies would go over the limit of ${starts} started per minute. Try again in ${seconds} s.`,
          undefined,
          { retryAfterSeconds: seconds },
        );
      }
    }
  }

  /** Counts one connection test for the actor, or throws a 429. */
  async admitConnectionTest(actor: Pick<Actor, "userId">): Promise<void> {
    await this.consume(
      this.tests,
      userKey(actor),
      1,
      (seconds) =>
        `You ran ${plural(this.settings.connectionTestsPerMinute, "connection test", "connection tests")} in the last minute, the limit per user. Try again in ${seconds} s.`,
    );
  }

  private async claim(user: string, runs: number): Promise<RunSlot> {
    const cap = this.settings.concurrencyPerUser;
    const slotIds = Array.from({ length: runs }, () => randomUUID());
    if (cap === 0) return new RunSlot(null, user, slotIds);
    let ledger: SlotLedger = this.shared ?? this.local;
    let claim;
    try {
      claim = await ledger.claim(user, slotIds, cap, this.timing.ttlMs);
    } catch (error) {
      logFailure("counting streaming replies in Redis (this instance counts its own until it is back)")(error);
      ledger = this.local;
      claim = await ledger.claim(user, slotIds, cap, this.timing.ttlMs);
    }
    if (!claim.granted) throw this.busy(claim.live, runs);
    return new RunSlot(ledger, user, slotIds, this.timing);
  }

  private async liveSlots(user: string): Promise<number> {
    if (!this.shared) return this.local.live(user);
    return this.shared.live(user).catch(() => this.local.live(user));
  }

  private busy(live: number, runs: number): AppError {
    const cap = this.settings.concurrencyPerUser;
    const more = runs > 1 ? `, so ${runs} more cannot start now` : "";
    return new AppError(
      "rate_limited",
      `You have ${plural(live, "reply", "replies")} streaming and the limit is ${cap} per user${more}. Wait for one to finish or stop it, then try again.`,
      undefined,
      { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
    );
  }

  private async consume(
    limiter: RateLimiterAbstract | null,
    user: string,
    points: number,
    message: (seconds: number) => string,
  ): Promise<void> {
    if (!limiter) return;
    try {
      await limiter.consume(user, points);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = secondsUntil(rejection.msBeforeNext);
      throw new AppError("rate_limited", message(seconds), undefined, { retryAfterSeconds: seconds });
    }
  }
}

// The system actor (no user) counts as one user.
const userKey = (actor: Pick<Actor, "userId">) => (actor.userId === null ? "system" : `user-${actor.userId}`);

/** The process's run limits, from RUN_CONCURRENCY_PER_USER, RUN_STARTS_PER_MINUTE and CONNECTION_TESTS_PER_MINUTE. */
function runLimits(): RunLimits {
  return processSingleton("runLimits", () => new RunLimits(runLimitsEnv(), redisLink()));
}

/** Admits one run (one line in each run entry), or throws a 429 before anything is sent or saved. */
export function admitRun(actor: Pick<Actor, "userId">): Promise<RunSlot> {
  return runLimits().admit(actor);
}

/** Refuses a compare set or re-run of `runs` columns that could not all stream now (takes nothing: each column's stream is admitted itself). */
export function assertRunRoom(actor: Pick<Actor, "userId">, runs: number): Promise<void> {
  return runLimits().assertRoomFor(actor, runs);
}

/** Counts a connection test (it sends provider requests too), or throws a 429. */
export function admitConnectionTest(actor: Pick<Actor, "userId">): Promise<void> {
  return runLimits().admitConnectionTest(actor);
}
