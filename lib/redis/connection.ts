import { createClient, type RedisClientType } from "@redis/client";
import { redisEnv } from "@/lib/env";
import { errorMessage } from "@/lib/errors";
import { processSingleton } from "@/lib/process-singleton";

export type Redis = RedisClientType;

/**
 * One Redis connection for commands, with the key prefix and a way to open more (blocking reads
 * and subscriptions need their own). Commands fail at once while Redis is unreachable (no offline
 * queue), so a caller can carry on without it; the connection keeps trying to come back.
 */
export class RedisLink {
  readonly client: Redis;
  private state: "connecting" | "up" | "down" = "connecting";
  private connecting: Promise<void> | undefined;
  private readonly extra = new Set<Redis>();

  constructor(
    private readonly url: string,
    readonly keyPrefix: string,
  ) {
    this.client = this.open("commands");
  }

  /** A key under this deployment's prefix. */
  key(...parts: string[]): string {
    return `${this.keyPrefix}${parts.join(":")}`;
  }

  /** True while the command connection is up. */
  get up(): boolean {
    return this.state === "up";
  }

  /** Connects the command connection (once); resolves when it is ready, retrying meanwhile. */
  connect(): Promise<void> {
    this.connecting ??= this.client.connect().then(
      () => undefined,
      () => undefined,
    );
    return this.connecting;
  }

  /** Another connection to the same Redis (closed with the link); rejects when Redis is unreachable. */
  async duplicate(purpose: string): Promise<Redis> {
    const connection = this.open(purpose, false);
    this.extra.add(connection);
    connection.on("end", () => this.extra.delete(connection));
    try {
      await connection.connect();
    } catch (error) {
      this.extra.delete(connection);
      connection.destroy();
      throw error;
    }
    return connection;
  }

  /** "ok" when Redis answers a PING within the time limit, else "down". */
  async health(timeoutMs = 1000): Promise<"ok" | "down"> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"down">((resolve) => (timer = setTimeout(() => resolve("down"), timeoutMs)));
    const ping = this.client.ping().then(
      () => "ok" as const,
      () => "down" as const,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    for (const connection of this.extra) connection.destroy();
    if (this.client.isOpen) this.client.destroy();
  }

  private open(purpose: string, tracksHealth = true): Redis {
    const connection: Redis = createClient({
      url: this.url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * (retries + 1), 2000) },
    });
    // Logged on each change only, not on every reconnect attempt.
    connection.on("error", (error: unknown) => {
      if (!tracksHealth || this.state === "down") return;
      this.state = "down";
      console.error(
        `redis (${purpose}) is unreachable; run state is kept in this instance only until it is back:`,
        errorMessage(error),
      );
    });
    connection.on("ready", () => {
      if (!tracksHealth) return;
      if (this.state === "down") console.log(`redis (${purpose}) is back`);
      this.state = "up";
    });
    return connection;
  }
}

/** The process's Redis link when REDIS_URL is set, else null. */
export function redisLink(): RedisLink | null {
  return processSingleton("redis", () => {
    const settings = redisEnv();
    const link = settings ? new RedisLink(settings.url, settings.keyPrefix) : null;
    void link?.connect();
    return link;
  });
}
