import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { IdentityCache, IdentityForget, IdentityPeers } from "@/lib/auth/identity-cache";
import type { Redis, RedisLink } from "@/lib/redis/connection";
import { errorMessage } from "@/lib/errors";

// One pub/sub channel per deployment (under REDIS_KEY_PREFIX): `identities:forget`, carrying
// {"from": <instance id>, "userId"?, "tokenId"?, "sessionId"?} for every revocation or user change.
const RETRY_MS = 1_000;
const PUBLISH_TIMEOUT_MS = 1_000;

const forgetMessageSchema = z.object({
  from: z.string(),
  userId: z.number().int().optional(),
  tokenId: z.number().int().optional(),
  sessionId: z.string().max(64).optional(),
});

const identityChannel = (link: RedisLink) => link.key("identities", "forget");

function parseForgetMessage(text: string): z.infer<typeof forgetMessageSchema> | null {
  try {
    const parsed = forgetMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Identity-cache forgets shared through Redis. The cache trusts its memory only while this
 * instance's subscription is up: from a drop until the subscription is back (node-redis
 * resubscribes before it reports ready) every request is looked up in the database, and the cache
 * starts empty again, so a revocation published meanwhile is never missed.
 */
export class RedisIdentityPeers implements IdentityPeers {
  readonly instanceId = randomUUID();
  private subscriber: Redis | undefined;
  private subscribed = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly link: RedisLink,
    private readonly cache: IdentityCache,
  ) {}

  get listening(): boolean {
    return this.subscribed;
  }

  /** Subscribes, retrying until Redis answers; resolves once listening (or stopped). */
  async start(): Promise<void> {
    while (!this.stopped && !this.subscriber) {
      try {
        await this.subscribe();
      } catch (error) {
        console.error(
          "redis identity channel could not subscribe; identities are not cached until it can:",
          errorMessage(error),
        );
        await new Promise((resolve) => {
          this.retry = setTimeout(resolve, RETRY_MS);
          this.retry.unref();
        });
      }
    }
  }

  async publish(forget: IdentityForget): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, PUBLISH_TIMEOUT_MS)));
    // A failed publish leaves the others' entries to expire (IDENTITY_CACHE_MS) or, when Redis is
    // down for them too, to the no-caching fallback; the revocation itself is saved already.
    const sent = this.link.client
      .publish(identityChannel(this.link), JSON.stringify({ from: this.instanceId, ...forget }))
      .then(
        () => undefined,
        (error: unknown) =>
          console.error("redis: an identity revocation could not be sent to the other instances:", errorMessage(error)),
      );
    try {
      await Promise.race([sent, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.deaf();
    // Closing the connection ends the subscription (an UNSUBSCRIBE could wait on a dead link).
    if (this.subscriber?.isOpen) this.subscriber.destroy();
    this.subscriber = undefined;
  }

  private async subscribe(): Promise<void> {
    const subscriber = await this.link.duplicate("identity channel");
    subscriber.on("error", () => this.deaf());
    subscriber.on("end", () => this.deaf());
    subscriber.on("ready", () => this.hearing());
    await subscriber.subscribe(identityChannel(this.link), (text) => {
      const message = parseForgetMessage(text);
      if (message && message.from !== this.instanceId) this.cache.forgetHere(message);
    });
    this.subscriber = subscriber;
    if (this.stopped) subscriber.destroy();
    else this.hearing();
  }

  private deaf(): void {
    if (!this.subscribed) return;
    this.subscribed = false;
    this.cache.forgetAll();
  }

  // Whatever was looked up while deaf may predate a forget this instance missed.
  private hearing(): void {
    if (this.subscribed || this.stopped) return;
    this.subscribed = true;
    this.cache.forgetAll();
  }
}
