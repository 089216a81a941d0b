import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Format: v2:<key id>:<iv>:<auth tag>:<ciphertext>, base64url parts, sealed with AES-256-GCM and
// bound to a context string (AAD, e.g. "configuration:7:apiKey"), so a ciphertext copied to
// another row or field no longer opens. v1 is the same without AAD: still opened, never written.
// The key id (first 8 hex of SHA-256 of the key) says which key of the ring sealed a value.
const VERSION = "v2";
const LEGACY_VERSION = "v1";
const IV_BYTES = 12;

/** The keys an instance holds: it seals with `current`, and opens with any of them (by key id). */
export type KeyRing = { current: Buffer; previous: readonly Buffer[] };

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
    throw new Error(
      `${variableName} must be 32 random bytes, base64 or hex encoded (generate one with: openssl rand -base64 32).`,
    );
  }
  return key;
}

/** The ring from APP_ENCRYPTION_KEY and APP_ENCRYPTION_KEY_PREVIOUS (one key, or several separated by commas). */
export function parseKeyRing(current: string, previous: string | undefined): KeyRing {
  const older = (previous ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => parseEncryptionKey(part, "APP_ENCRYPTION_KEY_PREVIOUS"));
  return { current: parseEncryptionKey(current), previous: older };
}

/** Short, stable identifier of a key; safe to store beside ciphertext. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** Encrypts text with AES-256-GCM under `key`, bound to `context` (AAD). */
export function seal(plaintext: string, key: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    keyId(key),
    iv.toString("base64url"),
    tag.toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(":");
}

type Envelope = {
  version: typeof VERSION | typeof LEGACY_VERSION;
  id: string;
  iv: string;
  tag: string;
  ciphertext: string;
};

function parseEnvelope(sealed: string): Envelope | null {
  const parts = sealed.split(":");
  const [version, id, iv, tag, ciphertext] = parts;
  if (
    parts.length !== 5 ||
    (version !== VERSION && version !== LEGACY_VERSION) ||
    !id ||
    !iv ||
    !tag ||
    ciphertext === undefined
  )
    return null;
  return { version, id, iv, tag, ciphertext };
}

/** The key id a sealed value names, or null when the value is not in a known format. */
export function sealedKeyId(sealed: string): string | null {
  return parseEnvelope(sealed)?.id ?? null;
}

/** True when the value is sealed under `key` in the current format (nothing for a rotation to do). */
export function isSealedUnder(sealed: string, key: Buffer): boolean {
  const envelope = parseEnvelope(sealed);
  return envelope !== null && envelope.version === VERSION && envelope.id === keyId(key);
}

/** Decrypts a sealed value with whichever key of the ring sealed it; `context` must be the one it was sealed with (v1 values have none). */
export function open(sealed: string, ring: KeyRing, context: string): string {
  const envelope = parseEnvelope(sealed);
  if (!envelope) throw new Error("Stored secret is not in the v1 or v2 format.");
  const key = [ring.current, ...ring.previous].find((candidate) => keyId(candidate) === envelope.id);
  if (!key) {
    throw new Error(
      `Stored secret was sealed with key ${envelope.id}, which is neither APP_ENCRYPTION_KEY nor in APP_ENCRYPTION_KEY_PREVIOUS.`,
    );
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(envelope.iv, "base64url"));
  if (envelope.version === VERSION) decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(envelope.tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, "base64url")), decipher.final()]).toString(
    "utf8",
  );
}

/** A v1 (no AAD) value, as releases before 2026-12 wrote them; for tests and the upgrade path. */
export function sealLegacy(plaintext: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    LEGACY_VERSION,
    keyId(key),
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(":");
}
