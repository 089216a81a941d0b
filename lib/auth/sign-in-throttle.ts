// Slows guessing: after too many failed sign-ins for one email, or from one address, within the
// window, further attempts are refused until the window has passed. Kept in memory: one process.
const WINDOW_MS = 15 * 60_000;
const LIMITS = { email: 5, address: 20 } as const;
const MAX_KEYS = 10_000;

const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const kept = (failures.get(key) ?? []).filter((time) => now - time < WINDOW_MS);
  if (kept.length > 0) failures.set(key, kept);
  else failures.delete(key);
  return kept;
}

function keysFor(email: string, address: string | null): Array<{ key: string; limit: number }> {
  const keys: Array<{ key: string; limit: number }> = [{ key: `email:${email.toLowerCase()}`, limit: LIMITS.email }];
  if (address) keys.push({ key: `address:${address}`, limit: LIMITS.address });
  return keys;
}

/** Seconds until sign-in may be tried again for this email/address, or 0 when it may now. */
export function signInRetryAfterSeconds(email: string, address: string | null, now = Date.now()): number {
  let waitMs = 0;
  for (const { key, limit } of keysFor(email, address)) {
    const times = recent(key, now);
    if (times.length >= limit) {
      const oldestRelevant = times[times.length - limit] ?? now;
      waitMs = Math.max(waitMs, oldestRelevant + WINDOW_MS - now);
    }
  }
  return Math.ceil(waitMs / 1000);
}

/** Counts one failed attempt against the email and the address. */
export function recordSignInFailure(email: string, address: string | null, now = Date.now()): void {
  if (failures.size > MAX_KEYS) {
    for (const key of [...failures.keys()]) recent(key, now);
  }
  for (const { key } of keysFor(email, address)) {
    failures.set(key, [...recent(key, now), now]);
  }
}

/** Forgets the email's failures after a successful sign-in. */
export function clearSignInFailures(email: string): void {
  failures.delete(`email:${email.toLowerCase()}`);
}
