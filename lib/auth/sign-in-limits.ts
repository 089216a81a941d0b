// The sign-in throttle's rules, shared by its memory and Redis forms.

export const WINDOW_MS = 15 * 60_000;
const LIMITS = { email: 5, address: 20 } as const;
// The memory throttle sweeps expired keys beyond this many.
export const MAX_KEYS = 10_000;

export type ThrottleKey = { key: string; limit: number };

/** What each throttle stores its failure times under. */
export function keysFor(email: string, address: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `email:${email.toLowerCase()}`, limit: LIMITS.email }];
  if (address) keys.push({ key: `address:${address}`, limit: LIMITS.address });
  return keys;
}

/** Milliseconds until a key with these failure times (ascending, within the window) may try again. */
export function waitMsFor(times: number[], limit: number, now: number): number {
  if (times.length < limit) return 0;
  const oldestRelevant = times[times.length - limit] ?? now;
  return Math.max(0, oldestRelevant + WINDOW_MS - now);
}

export interface SignInThrottle {
  /** Seconds until sign-in may be tried again for this email/address, or 0 when it may now. */
  retryAfterSeconds(email: string, address: string | null, now?: number): Promise<number>;
  /** Counts one failed attempt against the email and the address. */
  recordFailure(email: string, address: string | null, now?: number): Promise<void>;
  /** Forgets the email's failures after a successful sign-in. */
  clear(email: string): Promise<void>;
}
