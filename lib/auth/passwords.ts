import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { hash, parseOptions, verify } from "@node-rs/argon2";

// argon2id with OWASP's parameters (Password Storage Cheat Sheet: m=19 MiB, t=2, p=1), in the PHC
// string format `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`. Hashes from before it
// (`scrypt$N$r$p$salt$hash`) still verify, and are replaced at the next successful sign-in.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
// @node-rs/argon2 numbers its algorithms: 2 is argon2id (its default).
const ARGON2ID = 2;

/** Hashes a password with argon2id and a random salt. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), ARGON2);
}

function deriveScrypt(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, cost, blockSize, parallelism, salt, expectedText] = stored.split("$");
  const N = Number(cost);
  const r = Number(blockSize);
  const p = Number(parallelism);
  // Bounded so a forged row cannot ask for gigabytes.
  if (
    !salt ||
    !expectedText ||
    !Number.isInteger(Math.log2(N)) ||
    N > 2 ** 20 ||
    !(r >= 1 && r <= 32) ||
    !(p >= 1 && p <= 16)
  )
    return false;
  const expected = Buffer.from(expectedText, "base64url");
  const actual = await deriveScrypt(password, Buffer.from(salt, "base64url"), { N, r, p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Checks a password against a stored hash (argon2id, or the older scrypt form); false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  try {
    if (stored.startsWith("$argon2")) return await verify(stored, password.normalize("NFKC"));
    if (stored.startsWith("scrypt$")) return await verifyScrypt(password, stored);
  } catch {
    // A hash that cannot be read verifies nothing.
  }
  return false;
}

/** True when a stored hash is weaker than what hashPassword makes now (another algorithm, or lower costs). */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith("$argon2id$")) return true;
  try {
    const options = parseOptions(stored);
    return (
      Number(options.algorithm) !== ARGON2ID ||
      options.memoryCost < ARGON2.memoryCost ||
      options.timeCost < ARGON2.timeCost ||
      options.outputLen < ARGON2.outputLen ||
      options.saltLen < 16
    );
  } catch {
    return true;
  }
}

// Compared against when the email is unknown, so both paths do the same work (same algorithm and cost).
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return decoyHash;
}
