import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Format: v1:<key id>:<iv>:<auth tag>:<ciphertext>, base64url parts. The key id (first 8 hex of
// SHA-256 of the key) says which key sealed a value, so a rotation can be resumed after a crash.
const VERSION = "v1";
const IV_BYTES = 12;

export type EncryptionKeys = { current: Buffer; previous?: Buffer | undefined };

/** Parses a 32-byte key given as base64, base64url or hex; throws a message naming the variable. */
export function parseEncryptionKey(value: string, variableName = "APP_ENCRYPTION_KEY"): Buffer {
  const trimmed = value.trim();
  const candidates = [
    /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : undefined,
    Buffer.from(trimmed, "base64"),
    Buffer.from(trimmed, "base64url"),
  ];
  const key = candidates.find((candidate) => candidate?.length === 32);
  if (!key) {
    throw new Error(`${variableName} must be 32 random bytes, base64 or hex encoded (generate one with: openssl rand -base64 32).`);
  }
  return key;
}

/** Short, stable identifier of a key; safe to store beside ciphertext. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** Encrypts text with AES-256-GCM under the current key. */
export function seal(plaintext: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyId(key), iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(":");
}

/** The key id a sealed value names, or null when the value is not in a known format. */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split(":");
  return parts.length === 5 && parts[0] === VERSION ? (parts[1] ?? null) : null;
}

/** Decrypts a sealed value with whichever of the given keys sealed it. */
export function open(sealed: string, keys: EncryptionKeys): string {
  const parts = sealed.split(":");
  const [version, id, iv, tag, ciphertext] = parts;
  if (parts.length !== 5 || version !== VERSION || !id || !iv || !tag || ciphertext === undefined) {
    throw new Error("Stored secret is not in the v1 format.");
  }
  const key = [keys.current, keys.previous].find((candidate) => candidate && keyId(candidate) === id);
  if (!key) {
    throw new Error(`Stored secret was sealed with key ${id}, which is neither APP_ENCRYPTION_KEY nor APP_ENCRYPTION_KEY_PREVIOUS.`);
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
