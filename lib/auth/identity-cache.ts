import type { User } from "@/lib/db/generated/prisma/client";

// Who is behind a bearer token or a session, remembered for a few seconds: every streamed run and
// every stop would otherwise cost one or two lookups before any work starts. A revocation, or a
// change of a user's role or active flag, made through this process forgets the affected entries
// at once; one made by another instance sharing the database applies here within IDENTITY_CACHE_MS.

export const IDENTITY_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

export type Identity = { user: User; tokenId: number | null };

type Entry = { identity: Identity; until: number };
type CacheState = { entries: Map<string, Entry>; generation: number };

// On globalThis: the routes that revoke and the routes that authenticate must share one cache.
const globalForIdentities = globalThis as unknown as { llmManagerIdentities?: CacheState };

function state(): CacheState {
  globalForIdentities.llmManagerIdentities ??= { entries: new Map(), generation: 0 };
  return globalForIdentities.llmManagerIdentities;
}

/**
 * The identity for `key` ("token:<hash>", "user:<id>"): remembered, or looked up and remembered
 * until `expiresAt` at the latest (a token's own expiry). Null results are never remembered.
 */
export async function rememberedIdentity(key: string, lookup: () => Promise<(Identity & { expiresAt?: Date | null }) | null>): Promise<Identity | null> {
  const cache = state();
  const now = Date.now();
  const hit = cache.entries.get(key);
  if (hit && hit.until > now) return hit.identity;
  cache.entries.delete(key);
  const generation = cache.generation;
  const found = await lookup();
  if (!found) return null;
  const identity: Identity = { user: found.user, tokenId: found.tokenId };
  // A forget() while the lookup was in flight may have raced it: then the answer is used once, not kept.
  if (generation === cache.generation) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value ?? "");
    cache.entries.set(key, { identity, until: Math.min(now + IDENTITY_CACHE_MS, found.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) });
  }
  return identity;
}

/** Forgets every remembered identity of a user or of one token (after revoking or changing them). */
export function forgetIdentities({ userId, tokenId }: { userId?: number; tokenId?: number }): void {
  const cache = state();
  cache.generation += 1;
  for (const [key, entry] of cache.entries) {
    if ((userId !== undefined && entry.identity.user.id === userId) || (tokenId !== undefined && entry.identity.tokenId === tokenId)) cache.entries.delete(key);
  }
}
