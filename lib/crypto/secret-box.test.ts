import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyId, open, parseEncryptionKey, seal, sealedKeyId } from "@/lib/crypto/secret-box";

const key = randomBytes(32);
const otherKey = randomBytes(32);

describe("secret box (AES-256-GCM, v1 format)", () => {
  it("round-trips text and never contains the plaintext", () => {
    const sealed = seal("sk-live-1234567890abcdef", key);
    expect(sealed.startsWith(`v1:${keyId(key)}:`)).toBe(true);
    expect(sealed).not.toContain("sk-live");
    expect(open(sealed, { current: key })).toBe("sk-live-1234567890abcdef");
  });

  it("uses a fresh IV each time", () => {
    expect(seal("same", key)).not.toBe(seal("same", key));
  });

  it("decrypts a value sealed with the previous key during a rotation", () => {
    const sealed = seal("old secret", otherKey);
    expect(sealedKeyId(sealed)).toBe(keyId(otherKey));
    expect(open(sealed, { current: key, previous: otherKey })).toBe("old secret");
  });

  it("refuses a value sealed with an unknown key, naming the variables", () => {
    expect(() => open(seal("x", otherKey), { current: key })).toThrow(/APP_ENCRYPTION_KEY/);
  });

  it("detects tampering through the GCM tag", () => {
    const parts = seal("tamper me", key).split(":");
    const ciphertext = Buffer.from(parts[4] ?? "", "base64url");
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 0xff;
    parts[4] = ciphertext.toString("base64url");
    expect(() => open(parts.join(":"), { current: key })).toThrow();
  });

  it("rejects values that are not in the v1 format", () => {
    expect(() => open("plain-text-key", { current: key })).toThrow(/v1 format/);
    expect(sealedKeyId("plain-text-key")).toBeNull();
  });

  it("parses 32-byte keys in base64, base64url and hex, and refuses others clearly", () => {
    expect(parseEncryptionKey(key.toString("base64")).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString("base64url")).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString("hex")).equals(key)).toBe(true);
    expect(() => parseEncryptionKey("too-short")).toThrow(/APP_ENCRYPTION_KEY must be 32 random bytes/);
    expect(() => parseEncryptionKey(randomBytes(16).toString("base64"), "APP_ENCRYPTION_KEY_PREVIOUS")).toThrow(/APP_ENCRYPTION_KEY_PREVIOUS/);
  });
});
