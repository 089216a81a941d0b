import { describe, expect, it } from "vitest";
import { hash } from "@node-rs/argon2";
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/passwords";
import { generateApiToken, hashApiToken } from "@/lib/auth/token-secret";
import { legacyScryptHash } from "@/lib/testing/legacy-password-hash";

describe("password hashing", () => {
  it("hashes with argon2id at OWASP's cost, verifies the right password only, and salts every hash", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterx", hash)).toBe(false);
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
    expect(needsRehash(hash)).toBe(false);
  });

  it("still verifies an older scrypt hash, and asks for it to be replaced", async () => {
    const legacy = await legacyScryptHash("old but gold password");
    expect(await verifyPassword("old but gold password", legacy)).toBe(true);
    expect(await verifyPassword("old but gold passwore", legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });

  it("asks to rehash argon2 hashes weaker than the current cost", async () => {
    const weak = await hash("weak", { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(await verifyPassword("weak", weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
  });

  it("makes the decoy for unknown emails with the same algorithm and cost", async () => {
    expect(await decoyPasswordHash()).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("answers false, not an exception, for a malformed or forged stored hash", async () => {
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
    expect(await verifyPassword("anything", "$argon2id$v=19$m=19456,t=2,p=1$broken")).toBe(false);
    // A row asking scrypt for gigabytes is refused, not run.
    expect(await verifyPassword("anything", "scrypt$1073741824$8$1$c2FsdA$aGFzaA")).toBe(false);
    expect(needsRehash("not-a-hash")).toBe(true);
  });
});

describe("API token secrets", () => {
  it("generates distinct tokens whose stored form is a SHA-256 hash", () => {
    const first = generateApiToken();
    const second = generateApiToken();
    expect(first.token).not.toBe(second.token);
    expect(first.token.startsWith("llmm_")).toBe(true);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.hash).toBe(hashApiToken(first.token));
    expect(first.token.startsWith(first.prefix)).toBe(true);
  });
});
