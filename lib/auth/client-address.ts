import { serverEnv } from "@/lib/env";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * The caller's address as Next reports it. `next start` fills X-Forwarded-For from the socket
 * only when the client did not send one, so without TRUST_PROXY (a proxy that overwrites the
 * header) the value is the last hop we can see and may be chosen by the client.
 */
export function clientAddress(headers: HeaderSource): string | null {
  const forwarded = header(headers, "x-forwarded-for");
  if (!forwarded) return null;
  const hops = forwarded.split(",").map((hop) => hop.trim()).filter(Boolean);
  return (serverEnv().trustProxy ? hops[0] : hops[hops.length - 1]) ?? null;
}
