import { createHash, randomBytes } from "node:crypto";

// API tokens carry 32 random bytes, so a plain SHA-256 is enough to store them safely.
export const TOKEN_PREFIX = "llmm_";

/** A new token: the value shown once, its hash to store, and a prefix to recognise it by. */
export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashApiToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

/** The stored form of a token. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
