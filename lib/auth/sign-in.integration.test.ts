import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { SignInRefused, signInWithPassword } from "@/lib/auth/sign-in";
import { SOCKET_ADDRESS_HEADER } from "@/lib/boot/socket-address.mjs";
import type { Database } from "@/lib/db/client";
import { createFirstAdmin } from "@/lib/db/users";
import { legacyScryptHash } from "@/lib/testing/legacy-password-hash";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { pollUntil } from "@/lib/testing/until";

// Importing the preload above is what `npm start` does: requests carry the socket's address.
const migrated = migratedDatabasePerFile();
let db: Database;

const from = (address: string, forwardedFor?: string) => ({
  [SOCKET_ADDRESS_HEADER]: address,
  ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
});

async function signInEvents(action: string) {
  return db.auditLog.findMany({ where: { action: `user.${action}` }, orderBy: { id: "asc" } });
}

beforeAll(async () => {
  db = migrated.db();
  await createFirstAdmin({ db, input: { email: "admin@example.test", password: "admin-password-1" } });
});

describe("signing in with a password", () => {
  it("upgrades an old scrypt hash to argon2id at the next right password, and audits the sign-in with the address", async () => {
    const user = await db.user.create({
      data: { email: "legacy@example.test", passwordHash: await legacyScryptHash("legacy-password-1"), role: "viewer" },
    });
    expect(
      await signInWithPassword({
        email: "Legacy@Example.test",
        password: "legacy-password-1",
        headers: from("192.0.2.10"),
      }),
    ).toMatchObject({ id: user.id });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword("legacy-password-1", stored.passwordHash)).toBe(true);
    // And it still signs in afterwards, with the new hash.
    expect(
      await signInWithPassword({
        email: "legacy@example.test",
        password: "legacy-password-1",
        headers: from("192.0.2.10"),
      }),
    ).toMatchObject({ id: user.id });
    const [entry] = await signInEvents("sign_in");
    expect(entry).toMatchObject({
      actorUserId: user.id,
      actorLabel: "legacy@example.test",
      entityId: String(user.id),
      changes: { address: { from: null, to: "192.0.2.10" } },
    });
    expect(JSON.stringify(await db.auditLog.findMany())).not.toContain("legacy-password-1");
  });

  it("does not upgrade on a wrong password", async () => {
    const legacy = await legacyScryptHash("another-legacy-1");
    const user = await db.user.create({
      data: { email: "legacy2@example.test", passwordHash: legacy, role: "viewer" },
    });
    expect(
      await signInWithPassword({ email: user.email, password: "wrong-password-1", headers: from("192.0.2.11") }),
    ).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(legacy);
  });

  it("checks at most 5 passwords of 40 parallel guesses on one account from one address, and the owner still signs in from elsewhere", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, index) =>
        signInWithPassword({ email: "admin@example.test", password: `guess-${index}`, headers: from("203.0.113.5") }),
      ),
    );
    const checked = results.filter((result) => result.status === "fulfilled");
    const refused = results.flatMap((result): unknown[] => (result.status === "rejected" ? [result.reason] : []));
    expect(checked).toHaveLength(5);
    expect(refused).toHaveLength(35);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(SignInRefused);
      expect(String(reason)).toMatch(/Too many failed sign-ins for this account from your network/);
    }
    // The right password from the guesser's address is refused too, but not from the owner's.
    await expect(
      signInWithPassword({ email: "admin@example.test", password: "admin-password-1", headers: from("203.0.113.5") }),
    ).rejects.toBeInstanceOf(SignInRefused);
    expect(
      await signInWithPassword({
        email: "admin@example.test",
        password: "admin-password-1",
        headers: from("198.51.100.20"),
      }),
    ).toMatchObject({ email: "admin@example.test" });
    // Five failures and one throttled entry, each with the guesser's address.
    const failures = await pollUntil(
      () => signInEvents("sign_in_failed"),
      (rows) => rows.filter((row) => row.actorLabel.includes("203.0.113.5")).length === 5,
    );
    expect(failures.filter((row) => row.actorLabel.includes("203.0.113.5"))).toHaveLength(5);
    const throttled = await pollUntil(
      () => signInEvents("sign_in_throttled"),
      (rows) => rows.length >= 1,
    );
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({
      actorUserId: null,
      changes: { address: { to: "203.0.113.5" }, detail: { to: "account and address limit" } },
    });
  });

  it("gives unknown emails the same answer, records them once per address, and never the typed email", async () => {
    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect(
        await signInWithPassword({
          email: `nobody${attempt}@example.test`,
          password: "whatever-1",
          headers: from("192.0.2.33"),
        }),
      ).toBeNull();
    }
    const rows = await pollUntil(
      () => db.auditLog.findMany({ where: { action: "user.sign_in_failed", entityId: "unknown" } }),
      (found) => found.length >= 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await db.auditLog.count({ where: { action: "user.sign_in_failed", entityId: "unknown" } })).toBe(1);
    expect(JSON.stringify(rows)).not.toContain("nobody");
    expect(rows[0]).toMatchObject({ changes: { address: { to: "192.0.2.33" } } });
  });

  it("believes no X-Forwarded-For without a trusted proxy: a spoofed header does not escape the limit", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        signInWithPassword({
          email: "admin@example.test",
          password: `spoof-${index}`,
          headers: from("203.0.113.8", `198.51.100.${index + 1}`),
        }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
  });
});
