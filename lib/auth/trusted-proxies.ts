import ipaddr from "ipaddr.js";
import { z } from "zod";

// Which hops of a request's path may be believed when they name the hop before them: the
// proxies in front of the app, by count (TRUSTED_PROXY_HOPS) and/or by address (TRUSTED_PROXIES).

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];
export type TrustPolicy = { hops: number; ranges: Range[] };

/** An address in canonical form (IPv4-mapped IPv6 as IPv4), or null when it is not an IP address. */
export function canonicalAddress(value: string): string | null {
  const text = value.trim().replace(/^\[(.*)\]$/u, "$1");
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return null;
  return ipaddr.process(text).toString();
}

function parseRange(entry: string): Range | null {
  const [text = "", bitsText, extra] = entry.trim().split("/");
  const canonical = canonicalAddress(text);
  if (!canonical || extra !== undefined) return null;
  const address = ipaddr.parse(canonical);
  const max = address.kind() === "ipv4" ? 32 : 128;
  if (bitsText === undefined) return [address, max];
  if (!/^\d{1,3}$/u.test(bitsText)) return null;
  // An IPv4-mapped range (::ffff:10.0.0.0/104) is read as the IPv4 range it maps.
  const bits = Number(bitsText) - (address.kind() === "ipv4" && text.includes(":") ? 96 : 0);
  return bits >= 0 && bits <= max ? [address, bits] : null;
}

const HOPS_MESSAGE = "TRUSTED_PROXY_HOPS must be a whole number of proxies from 0 to 20.";
const policySchema = z.object({
  TRUSTED_PROXY_HOPS: z
    .preprocess(
      (value) => (value === "" ? undefined : value),
      z.coerce.number({ error: HOPS_MESSAGE }).int(HOPS_MESSAGE).min(0, HOPS_MESSAGE).max(20, HOPS_MESSAGE).optional(),
    )
    .default(0),
  TRUSTED_PROXIES: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
});

/** Reads TRUSTED_PROXY_HOPS and TRUSTED_PROXIES; throws one message naming what is wrong. */
export function parseTrustPolicy(environment: Record<string, string | undefined>): TrustPolicy {
  const parsed = policySchema.safeParse(environment);
  if (!parsed.success)
    throw new Error(`Invalid environment:\n${parsed.error.issues.map((issue) => `- ${issue.message}`).join("\n")}`);
  const { TRUSTED_PROXY_HOPS: hops, TRUSTED_PROXIES: list, TRUST_PROXY: legacy } = parsed.data;
  if (legacy === "1" || legacy === "true") {
    throw new Error(
      "TRUST_PROXY is no longer read: set TRUSTED_PROXY_HOPS to the number of reverse proxies in front of the app (1 for one), or TRUSTED_PROXIES to their addresses (CIDRs, comma-separated).",
    );
  }
  const entries = (list ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const ranges: Range[] = [];
  for (const entry of entries) {
    const range = parseRange(entry);
    if (!range)
      throw new Error(
        `Invalid environment:\n- TRUSTED_PROXIES holds "${entry.slice(0, 60)}", which is not an IP address or CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, ::1).`,
      );
    ranges.push(range);
  }
  return { hops, ranges };
}

function trusted(policy: TrustPolicy, address: string, position: number): boolean {
  if (position < policy.hops) return true;
  if (policy.ranges.length === 0) return false;
  const parsed = ipaddr.parse(address);
  return policy.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}

/**
 * The client's address: the right-most hop that is not a trusted proxy, walking from the socket
 * back through X-Forwarded-For (as Express's `trust proxy` does). A hop that is not an IP address
 * ends the walk: nothing before it can be believed.
 */
export function resolveClientAddress(policy: TrustPolicy, socketAddress: string, forwardedFor: string | null): string {
  const socket = canonicalAddress(socketAddress);
  if (!socket) return socketAddress;
  const chain = [socket];
  if (policy.hops > 0 || policy.ranges.length > 0) {
    const hops = (forwardedFor ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    for (let index = hops.length - 1; index >= 0; index -= 1) chain.push(hops[index] ?? "");
  }
  for (let position = 0; position < chain.length - 1; position += 1) {
    const next = canonicalAddress(chain[position + 1] ?? "");
    if (!trusted(policy, chain[position] ?? "", position) || next === null) return chain[position] ?? socket;
    chain[position + 1] = next;
  }
  return chain[chain.length - 1] ?? socket;
}
