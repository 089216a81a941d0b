import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IDENTITY_CACHE_MS, IdentityCache, type Identity, type IdentityPeers } from "@/lib/auth/identity-cache";
import type { User } from "@/lib/db/generated/prisma/client";

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

function counted(result: (Identity & { expiresAt?: Date | null }) | null) {
  const lookup = vi.fn(() => Promise.resolve(result));
  return lookup;
}

let cache: IdentityCache;
beforeEach(() => {
  cache = new IdentityCache();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("rememberedIdentity", () => {
  it("looks up once within the cache window and again after it", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const lookup = counted({ user: user(1), tokenId: 7 });
    await cache.remembered("token:a", lookup);
    await cache.remembered("token:a", lookup);
    expect(lookup).toHaveBeenCalledTimes(1);
    vi.setSystemTime(1_000_000 + IDENTITY_CACHE_MS + 1);
    expect(await cache.remembered("token:a", lookup)).toMatchObject({ tokenId: 7 });
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it("never remembers a refusal, and not past a token's own expiry", async () => {
    vi.useFakeTimers({ now: 2_000_000 });
    const refused = counted(null);
    await cache.remembered("token:b", refused);
    await cache.remembered("token:b", refused);
    expect(refused).toHaveBeenCalledTimes(2);
    const expiring = counted({ user: user(1), tokenId: 8, expiresAt: new Date(2_000_100) });
    await cache.remembered("token:c", expiring);
    vi.setSystemTime(2_000_101);
    await cache.remembered("token:c", expiring);
    expect(expiring).toHaveBeenCalledTimes(2);
  });

  it("forgets a revoked token and a changed user at once", async () => {
    const token = counted({ user: user(1), tokenId: 9 });
    const session = counted({ user: user(2), tokenId: null });
    await cache.remembered("token:d", token);
    await cache.remembered("user:2", session);
    await cache.forget({ tokenId: 9 });
    await cache.forget({ userId: 2 });
    await cache.remembered("token:d", token);
    await cache.remembered("user:2", session);
    expect(token).toHaveBeenCalledTimes(2);
    expect(session).toHaveBeenCalledTimes(2);
  });

  it("forgets one signed-out session and keeps the user's others", async () => {
    const out = counted({ user: user(3), tokenId: null, sessionId: "s-out" });
    const kept = counted({ user: user(3), tokenId: null, sessionId: "s-kept" });
    await cache.remembered("session:s-out", out);
    await cache.remembered("session:s-kept", kept);
    await cache.forget({ sessionId: "s-out" });
    expect(await cache.remembered("session:s-out", out)).toMatchObject({ sessionId: "s-out" });
    await cache.remembered("session:s-kept", kept);
    expect(out).toHaveBeenCalledTimes(2);
    expect(kept).toHaveBeenCalledTimes(1);
  });

  it("does not keep an answer whose lookup raced a revocation", async () => {
    let release: (value: Identity) => void = () => undefined;
    const slow = vi.fn(() => new Promise<Identity>((resolve) => (release = resolve)));
    const pending = cache.remembered("token:e", slow);
    await cache.forget({ tokenId: 10 });
    release({ user: user(1), tokenId: 10 });
    expect(await pending).toMatchObject({ tokenId: 10 });
    // The token is revoked now: the next request must look it up again and be refused.
    const again = counted(null);
    expect(await cache.remembered("token:e", again)).toBeNull();
    expect(again).toHaveBeenCalledTimes(1);
  });

  it("caches nothing while its peers may be missing revocations, and tells them of every forget", async () => {
    const peers: IdentityPeers & { listening: boolean; published: unknown[] } = {
      listening: false,
      published: [] as unknown[],
      publish(forget: unknown) {
        this.published.push(forget);
        return Promise.resolve();
      },
    };
    cache.connect(peers);
    const lookup = counted({ user: user(1), tokenId: 11 });
    await cache.remembered("token:f", lookup);
    await cache.remembered("token:f", lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
    peers.listening = true;
    await cache.remembered("token:f", lookup);
    await cache.remembered("token:f", lookup);
    expect(lookup).toHaveBeenCalledTimes(3);
    // Going deaf again: what was remembered is no longer served.
    peers.listening = false;
    await cache.remembered("token:f", lookup);
    expect(lookup).toHaveBeenCalledTimes(4);
    await cache.forget({ tokenId: 11 });
    expect(peers.published).toEqual([{ tokenId: 11 }]);
  });
});
