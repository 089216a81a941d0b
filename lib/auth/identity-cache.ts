import type { User } from "@/lib/db/generated/prisma/client";
import { redisLink } from "@/lib/redis/connection";
import { RedisIdentityPeers } from "@/lib/auth/identity-peers";
import { processSingleton } from "@/lib/process-singleton";

// Who is behind a bearer token or a session, remembered for a few seconds: every streamed run and
// every stop would otherwise cost one or two lookups before any work starts. A revocation, or a
// change of a user's role or active flag, forgets the affected entries at once in this process
// and, with REDIS_URL, in every other instance (told over Redis pub/sub). Without REDIS_URL an
// instance sharing the database applies such a change within IDENTITY_CACHE_MS.

export const IDENTITY_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

/** A user with how they came: a session (its id) or an API token (its id, name and scope). */
export type Identity = {
  user: User;
  tokenId: number | null;
  sessionId?: string | null;
  token?: { name: string; scope: "read" | "full" } | null;
};
export type IdentityForget = { userId?: number; tokenId?: number; sessionId?: string };

/** The other instances' caches, reached through something shared (Redis). */
export interface IdentityPeers {
  /**
   * True while every forget published by another instance is known to reach this cache. While it
   * is false nothing is remembered: a missed revocation must not be served from memory.
   */
  readonly listening: boolean;
  /** Tells the other instances; resolves (never rejects) once told or once that failed. */
  publish(forget: IdentityForget): Promise<void>;
}

type Entry = { identity: Identity; until: number };

export class IdentityCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private peers: IdentityPeers | null = null;

  /** Shares forgets with other instances from now on. */
  connect(peers: IdentityPeers): void {
    this.peers = peers;
    this.forgetAll();
  }

  /**
   * The identity for `key` ("token:<hash>", "session:<id>"): remembered, or looked up and remembered
   * until `expiresAt` at the latest (a token's or session's own expiry). Null results are never remembered.
   */
  async remembered(
    key: string,
    lookup: () => Promise<(Identity & { expiresAt?: Date | null }) | null>,
  ): Promise<Identity | null> {
    // A synchronous flag: the hot path makes no Redis round trip.
    const trusted = this.peers?.listening ?? true;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (trusted && hit && hit.until > now) return hit.identity;
    this.entries.delete(key);
    const generation = this.generation;
    const found = await lookup();
    if (!found) return null;
    const identity: Identity = {
      user: found.user,
      tokenId: found.tokenId,
      sessionId: found.sessionId ?? null,
      token: found.token ?? null,
    };
    // A forget while the lookup was in flight may have raced it: then the answer is used once, not kept.
    if (trusted && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value ?? "");
      this.entries.set(key, {
        identity,
        until: Math.min(now + IDENTITY_CACHE_MS, found.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY),
      });
    }
    return identity;
  }

  /** Forgets here at once, then tells the other instances; resolves when they were told. */
  async forget(forget: IdentityForget): Promise<void> {
    this.forgetHere(forget);
    await this.peers?.publish(forget);
  }

  /** Forgets every remembered identity of a user, of one token or of one session, in this process only. */
  forgetHere({ userId, tokenId, sessionId }: IdentityForget): void {
    this.generation += 1;
    for (const [key, entry] of this.entries) {
      const { identity } = entry;
      if (
        (userId !== undefined && identity.user.id === userId) ||
        (tokenId !== undefined && identity.tokenId === tokenId) ||
        (sessionId !== undefined && identity.sessionId === sessionId)
      )
        this.entries.delete(key);
    }
  }

  /** Forgets everything (the link to the other instances dropped or came back: forgets may have been missed). */
  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }
}

// One per process: the routes that revoke and the routes that authenticate must share it.
/** The process's identity cache, shared with other instances through Redis when REDIS_URL is set. */
export function identityCache(): IdentityCache {
  return processSingleton("identityCache", () => {
    const cache = new IdentityCache();
    const link = redisLink();
    if (link) {
      const peers = new RedisIdentityPeers(link, cache);
      cache.connect(peers);
      void peers.start();
    }
    return cache;
  });
}

export function rememberedIdentity(
  key: string,
  lookup: () => Promise<(Identity & { expiresAt?: Date | null }) | null>,
): Promise<Identity | null> {
  return identityCache().remembered(key, lookup);
}

/** Forgets every remembered identity of a user, a token or a session (after revoking or changing them), in every instance. */
export function forgetIdentities(forget: IdentityForget): Promise<void> {
  return identityCache().forget(forget);
}
