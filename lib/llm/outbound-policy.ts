import ipaddr from "ipaddr.js";

// Where provider requests may go. Cloud-metadata, link-local, "this network", multicast,
// broadcast and reserved addresses are refused always; loopback and private ranges stay allowed
// (Ollama and local servers live there). PROVIDER_HOSTS_ALLOW, when set, restricts everything else
// to its host names, `*.suffix` wildcards and CIDRs. The decision is taken on the addresses a
// connection really uses (provider-fetch.ts checks them after DNS), never on the URL's text alone.
// Also here: the errors provider-fetch.ts raises, and the shape rules of a base URL. Pure (no Node
// modules): the configuration form's validation uses it too.

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** An operator's PROVIDER_HOSTS_ALLOW, parsed. */
export type HostAllowList = {
  names: ReadonlySet<string>;
  suffixes: readonly string[];
  ranges: ReadonlyArray<[Address, number]>;
};

/** Thrown (as a fetch failure's cause) when the policy refuses a provider request before it connects. */
export class OutboundRefusedError extends Error {
  readonly code = "ERR_PROVIDER_HOST_REFUSED";

  constructor(message: string) {
    super(message);
    this.name = "OutboundRefusedError";
  }
}

/** A provider answered with a redirect; it was not followed. */
export class ProviderRedirectError extends Error {
  readonly code = "ERR_PROVIDER_REDIRECT";
  /** The origin the server pointed to; null when its Location was missing or unreadable. */
  readonly targetOrigin: string | null;
  readonly status: number;

  constructor(status: number, targetOrigin: string | null) {
    super(`The server answered with a redirect (${status}), which is not followed.`);
    this.name = "ProviderRedirectError";
    this.status = status;
    this.targetOrigin = targetOrigin;
  }
}

const ALLOWED_IPV4_RANGES = new Set(["unicast", "loopback", "private", "carrierGradeNat"]);
const ALLOWED_IPV6_RANGES = new Set(["unicast", "loopback", "uniqueLocal"]);
// IPv6 forms that carry an IPv4 address in their last 32 bits: judged by that address.
const EMBEDDING_IPV6_RANGES = new Set(["ipv4Mapped", "rfc6145"]);
const NAT64_PREFIX = ipaddr.IPv6.parseCIDR("64:ff9b::/96");
// Cloud metadata services outside 169.254.0.0/16: AWS over IPv6, Alibaba Cloud.
const METADATA_ADDRESSES: ReadonlyArray<[Address, number]> = [
  ipaddr.IPv6.parseCIDR("fd00:ec2::254/128"),
  ipaddr.IPv4.parseCIDR("100.100.100.200/32"),
];
// Deprecated IPv4-compatible IPv6 (::a.b.c.d); ::1 and :: are judged before.
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR("::/96");

const RANGE_WORDS: Record<string, string> = {
  linkLocal: "a link-local or cloud-metadata address",
  unspecified: "the “this network” range",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
};

function parseAddress(text: string): Address | null {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

function inRange(address: Address, [network, bits]: [Address, number]): boolean {
  return address.kind() === network.kind() && address.match(network, bits);
}

function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray().slice(12);
  return new ipaddr.IPv4(bytes);
}

/** Why provider requests never go to this address (a few words), or null when the address is not always refused. */
export function alwaysRefusedReason(addressText: string): string | null {
  const address = parseAddress(addressText);
  if (!address) return "not an IP address";
  if (METADATA_ADDRESSES.some((range) => inRange(address, range))) return "a cloud-metadata address";
  if (address instanceof ipaddr.IPv4) {
    const range = address.range();
    return ALLOWED_IPV4_RANGES.has(range) ? null : (RANGE_WORDS[range] ?? "a reserved address range");
  }
  const range = address.range();
  if (EMBEDDING_IPV6_RANGES.has(range) || inRange(address, NAT64_PREFIX))
    return alwaysRefusedReason(embeddedIPv4(address).toString());
  if (range === "unicast" && inRange(address, IPV4_COMPATIBLE)) return "a deprecated IPv4-compatible address";
  return ALLOWED_IPV6_RANGES.has(range) ? null : (RANGE_WORDS[range] ?? "a reserved address range");
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$/;

function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

/** Parses PROVIDER_HOSTS_ALLOW (comma-separated host names, `*.suffix` wildcards, IP addresses, CIDRs); a problem is described in words. */
export function parseHostAllowList(value: string): { allowList: HostAllowList } | { problem: string } {
  const names = new Set<string>();
  const suffixes: string[] = [];
  const ranges: Array<[Address, number]> = [];
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0)
    return {
      problem:
        "PROVIDER_HOSTS_ALLOW lists no host: set host names, *.domain wildcards or CIDRs, separated by commas, or leave it unset.",
    };
  for (const entry of entries) {
    const address = parseAddress(entry);
    if (/^[\d.]+\/\d+$|^[\da-f:.]*:[\da-f:.]*\/\d+$/i.test(entry)) {
      try {
        ranges.push(ipaddr.parseCIDR(entry));
      } catch {
        return {
          problem: `PROVIDER_HOSTS_ALLOW: "${entry}" is not a valid CIDR (for example 10.0.0.0/8 or fd00::/8).`,
        };
      }
    } else if (address) {
      // Shorthand forms (127.1, 0x7f000001) are refused: a reader would misjudge them.
      if (address instanceof ipaddr.IPv4 && !ipaddr.IPv4.isValidFourPartDecimal(entry))
        return { problem: `PROVIDER_HOSTS_ALLOW: write "${entry}" as four decimal numbers (for example 10.0.0.5).` };
      ranges.push([address, address instanceof ipaddr.IPv4 ? 32 : 128]);
    } else if (entry.startsWith("*.") && HOST_NAME.test(normaliseName(entry.slice(2)))) {
      suffixes.push(`.${normaliseName(entry.slice(2))}`);
    } else if (HOST_NAME.test(normaliseName(entry))) {
      names.add(normaliseName(entry));
    } else {
      return {
        problem: `PROVIDER_HOSTS_ALLOW: "${entry}" is not a host name, a *.domain wildcard, an IP address or a CIDR (no scheme, port or path).`,
      };
    }
  }
  return { allowList: { names, suffixes, ranges } };
}

function nameAllowed(hostname: string, allowList: HostAllowList): boolean {
  const name = normaliseName(hostname);
  return allowList.names.has(name) || allowList.suffixes.some((suffix) => name.endsWith(suffix));
}

function addressAllowed(addressText: string, allowList: HostAllowList): boolean {
  const address = parseAddress(addressText);
  if (!address) return false;
  const candidates: Address[] = [address];
  // An IPv4-mapped IPv6 answer is the IPv4 host: a listed IPv4 range covers it.
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) candidates.push(address.toIPv4Address());
  return candidates.some((candidate) => allowList.ranges.some((range) => inRange(candidate, range)));
}

/**
 * Why the policy refuses a connection to `hostname` at `addresses` (every address it resolved
 * to; the hostname itself when it is an IP literal), as a message for people; null when allowed.
 */
export function outboundRefusal({
  hostname,
  addresses,
  allowList,
}: {
  hostname: string;
  addresses: readonly string[];
  allowList: HostAllowList | null;
}): string | null {
  const literal = parseAddress(hostname) !== null;
  for (const address of addresses) {
    const reason = alwaysRefusedReason(address);
    if (reason === null) continue;
    return literal
      ? `Provider requests never go to ${hostname}: it is ${reason}. Check the base URL.`
      : `Provider requests never go to ${hostname}: it resolves to ${reason}. Check the base URL.`;
  }
  if (allowList === null) return null;
  if (!literal && nameAllowed(hostname, allowList)) return null;
  if (addresses.length > 0 && addresses.every((address) => addressAllowed(address, allowList))) return null;
  return `${hostname} is not in PROVIDER_HOSTS_ALLOW, so provider requests may not go there. Check the base URL, or ask the operator to add the host (a name, *.domain or CIDR) to PROVIDER_HOSTS_ALLOW.`;
}

/**
 * What is wrong with a base URL's shape for provider requests (lowercase words, for a form), or
 * null: credentials, a query or a fragment (the SDKs append paths, so `?`/`#` would give the URL's
 * author the whole path), or an IP literal that is always refused. Parsing errors are left to the
 * URL check itself.
 */
export function baseUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.username || url.password)
    return "base URL cannot contain a user name or password: put credentials in the API key or an extra header";
  if (text.includes("?")) return "base URL cannot contain a query (?…): enter only the server's address and path";
  if (text.includes("#")) return "base URL cannot contain a fragment (#…): enter only the server's address and path";
  // The URL parser writes every IPv4 spelling (2852039166, 0xa9fea9fe) in dotted form.
  const address = parseAddress(url.hostname);
  const reason = address ? alwaysRefusedReason(address.toString()) : null;
  return reason ? `base URL points at ${url.hostname}, ${reason}: provider requests never go there` : null;
}
