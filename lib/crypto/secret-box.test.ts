import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  isSealedUnder,
  keyId,
  open,
  parseEncryptionKey,
  parseKeyRing,
  seal,
  sealedKeyId,
  sealLegacy,
} from "@/lib/crypto/secret-box";

const key = randomBytes(32);
const otherKey = randomBytes(32);
const ring = { current: key, previous: [] };
const context = "configuration:7:apiKey";

describe("secret box (AES-256-GCM, v2 format with AAD)", () => {
  it("round-trips text and never contains the plaintext", () => {
    const sealed = seal("sk-live-1234567890abcdef", key, context);
    expect(sealed.startsWith(`v2:${keyId(key)}:`)).toBe(true);
    expect(sealed).not.toContain("sk-live");
    expect(open(sealed, ring, context)).toBe("sk-live-1234567890abcdef");
    expect(isSealedUnder(sealed, key)).toBe(true);
    expect(isSealedUnder(sealed, otherKey)).toBe(false);
  });

  it("binds a value to its context: moved to another row or field it does not open", () => {
    const sealed = seal("sk-for-row-7", key, context);
    expect(() => open(sealed, ring, "configuration:8:apiKey")).toThrow();
    expect(() => open(sealed, ring, "configuration:7:header:x-auth")).toThrow();
  });

  it("uses a fresh IV each time", () => {
    expect(seal("same", key, context)).not.toBe(seal("same", key, context));
  });

  it("opens with any key of the ring, chosen by key id", () => {
    const sealed = seal("old secret", otherKey, context);
    expect(sealedKeyId(sealed)).toBe(keyId(otherKey));
    expect(open(sealed, { current: key, previous: [randomBytes(32), otherKey] }, context)).toBe("old secret");
  });

  it("still opens old v1 values (no AAD), which count as not yet under the current format", () => {
    const legacy = sealLegacy("sk-from-2025", key);
    expect(legacy.startsWith(`v1:${keyId(key)}:`)).toBe(true);
    expect(open(legacy, ring, context)).toBe("sk-from-2025");
    expect(isSealedUnder(legacy, key)).toBe(false);
  });

  it("refuses a value sealed with an unknown key, naming the variables", () => {
    expect(() => open(seal("x", otherKey, context), ring, context)).toThrow(/APP_ENCRYPTION_KEY/);
  });

  it("detects tampering through the GCM tag", () => {
    const parts = seal("tamper me", key, context).split(":");
    const ciphertext = Buffer.from(parts[4] ?? "", "base64url");
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 0xff;
    parts[4] = ciphertext.toString("base64url");
    expect(() => open(parts.join(":"), ring, context)).toThrow();
  });

  it("rejects values in no known format", () => {
    expect(() => open("plain-text-key", ring, context)).toThrow(/v1 or v2 format/);
    expect(sealedKeyId("plain-text-key")).toBeNull();
  });

  it("parses 32-byte keys in base64, base64url and hex, and refuses others clearly", () => {
    expect(parseEncryptionKey(key.toString("base64")).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString("base64url")).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString("hex")).equals(key)).toBe(true);
    expect(() => parseEncryptionKey("too-short")).toThrow(/APP_ENCRYPTION_KEY must be 32 random bytes/);
    expect(() => parseEncryptionKey(randomBytes(16).toString("base64"), "APP_ENCRYPTION_KEY_PREVIOUS")).toThrow(
      /APP_ENCRYPTION_KEY_PREVIOUS/,
    );
  });

  it("reads a ring of one current and any number of previous keys", () => {
    const parsed = parseKeyRing(key.toString("base64"), ` ${otherKey.toString("base64")} , ${key.toString("hex")}`);
    expect(parsed.current.equals(key)).toBe(true);
    expect(parsed.previous.map(keyId)).toEqual([keyId(otherKey), keyId(key)]);
    expect(parseKeyRing(key.toString("base64"), undefined).previous).toEqual([]);
    expect(() => parseKeyRing(key.toString("base64"), "nope")).toThrow(/APP_ENCRYPTION_KEY_PREVIOUS/);
  });
});
