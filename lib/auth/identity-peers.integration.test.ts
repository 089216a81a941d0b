import { afterAll, describe, expect, it, vi } from "vitest";
import { IdentityCache, type Identity } from "@/lib/auth/identity-cache";
import { RedisIdentityPeers } from "@/lib/auth/identity-peers";
import type { User } from "@/lib/db/generated/prisma/client";
import { RedisLink } from "@/lib/redis/connection";
import { cuttableRedisProxy, redisUnavailableReason, TEST_REDIS_URL, uniqueKeyPrefix } from "@/lib/testing/redis";
import { until } from "@/lib/testing/until";

const unavailable = await redisUnavailableReason();
if (unavailable) console.warn(`skipping the identity-cache invalidation tests: ${unavailable}`);

const prefix = uniqueKeyPrefix();
const links: RedisLink[] = [];
const peers: RedisIdentityPeers[] = [];

async function instance(url = TEST_REDIS_URL): Promise<{ cache: IdentityCache; peers: RedisIdentityPeers }> {
  const link = new RedisLink(url, prefix);
  links.push(link);
  await link.connect();
  const cache = new IdentityCache();
  const shared = new RedisIdentityPeers(link, cache);
  cache.connect(shared);
  peers.push(shared);
  await shared.start();
  return { cache, peers: shared };
}

const user = (id: number): User => ({
  id,
  email: `u${id}@example.com`,
  name: null,
  passwordHash: "x",
  role: "admin",
  active: true,
  lastSignInAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});
const lookupOf = (identity: Identity) => vi.fn(() => Promise.resolve<Identity | null>(identity));

afterAll(async () => {
  for (const shared of peers) await shared.stop();
  for (const link of links) await link.close();
});

describe.skipIf(unavailable !== null)("identity caches shared through Redis", () => {
  it("a token revoked through one instance is looked up again by another", async () => {
    const a = await instance();
    const b = await instance();
    const token = lookupOf({ user: user(1), tokenId: 21 });
    const session = lookupOf({ user: user(2), tokenId: null });
    await b.cache.remembered("token:x", token);
    await b.cache.remembered("user:2", session);
    await b.cache.remembered("token:x", token);
    expect(token).toHaveBeenCalledTimes(1);

    await a.cache.forget({ tokenId: 21 });
    await until(async () => (await b.cache.remembered("token:x", token), token.mock.calls.length === 2));
    // Only what was named is forgotten.
    await b.cache.remembered("user:2", session);
    expect(session).toHaveBeenCalledTimes(1);

    await a.cache.forget({ userId: 2 });
    await until(async () => (await b.cache.remembered("user:2", session), session.mock.calls.length === 2));
  });

  it("a session signed out through one instance is looked up again by another at once, and only that session", async () => {
    const a = await instance();
    const b = await instance();
    const signedOut = lookupOf({ user: user(3), tokenId: null, sessionId: "session-out" });
    const other = lookupOf({ user: user(3), tokenId: null, sessionId: "session-kept" });
    await b.cache.remembered("session:session-out", signedOut);
    await b.cache.remembered("session:session-kept", other);
    await a.cache.forget({ sessionId: "session-out" });
    await until(
      async () => (await b.cache.remembered("session:session-out", signedOut), signedOut.mock.calls.length === 2),
    );
    await b.cache.remembered("session:session-kept", other);
    expect(other).toHaveBeenCalledTimes(1);
  });

  it("caches nothing while its subscription is down, and starts empty when it is back", async () => {
    const a = await instance();
    const proxy = await cuttableRedisProxy();
    try {
      const b = await instance(proxy.url);
      const token = lookupOf({ user: user(3), tokenId: 31 });
      await b.cache.remembered("token:y", token);
      expect(b.peers.listening).toBe(true);

      await proxy.cut();
      await until(() => !b.peers.listening);
      // A revocation sent now never reaches B: B must not answer from memory meanwhile.
      await a.cache.forget({ tokenId: 31 });
      await b.cache.remembered("token:y", token);
      await b.cache.remembered("token:y", token);
      expect(token).toHaveBeenCalledTimes(3);

      await proxy.restore();
      await until(() => b.peers.listening, 10_000);
      await b.cache.remembered("token:y", token);
      await b.cache.remembered("token:y", token);
      expect(token).toHaveBeenCalledTimes(4);
    } finally {
      await proxy.close();
    }
  });
});
