// The sign-in throttle's rules, shared by its memory and Redis forms. Limits count attempts, and
// an attempt is counted before its password is checked, so a burst cannot slip past them.
import ipaddr from "ipaddr.js";

const MINUTE = 60;

/** One limiter's rule: `points` attempts per `duration` seconds for each key. */
export type LimitRule = { points: number; duration: number };

export const LIMITS = {
  // Per account and client address: a guesser is stopped without locking the account for anyone else.
  accountAddress: { points: 5, duration: 15 * MINUTE },
  // Per client address (IPv6 by /64), across every account: password spraying.
  address: { points: 30, duration: 15 * MINUTE },
  // Every password check of the deployment: a ceiling on hashing work however many addresses send.
  global: { points: 600, duration: MINUTE },
  // One audit entry per address and window for failures with unknown emails (see sign-in.ts).
  auditOnce: { points: 1, duration: 15 * MINUTE },
} as const satisfies Record<string, LimitRule>;

export type LimiterName = keyof typeof LIMITS;

/** The address a limit counts under: the IPv4 address, or an IPv6 address's /64 (one subscriber's block). */
export function addressBucket(address: string | null): string {
  if (!address) return "unknown";
  if (!ipaddr.IPv6.isValid(address) || ipaddr.IPv4.isValidFourPartDecimal(address)) return address;
  const parts = ipaddr.IPv6.parse(address).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(":")}::/64`;
}

/** The account-and-address key: the email as typed (normalised), never looked up first. */
export function accountAddressKey(email: string, bucket: string): string {
  return `${email.trim().toLowerCase().slice(0, 320)}|${bucket}`;
}

/** How many password checks this process runs at once, and how long a sign-in may wait for one. */
export function hashGateLimits(cores: number) {
  // One core stays free for the event loop (requests, streams); at most 4, libuv's pool size.
  return {
    concurrency: Math.max(1, Math.min(4, cores - 1)),
    maxWaitingPerClient: 4,
    maxWaiting: 64,
    maxWaitMs: 10_000,
  };
}
