import { parseTrustPolicy, resolveClientAddress, type TrustPolicy } from "@/lib/auth/trusted-proxies";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/** The header lib/boot/socket-address.mjs stamps with the TCP peer's address, when it is loaded. */
function socketAddressHeader(): string | null {
  const name: unknown = Reflect.get(globalThis, Symbol.for("llm-manager.socket-address-header"));
  return typeof name === "string" ? name : null;
}

let cachedPolicy: TrustPolicy | undefined;
let warned = false;

/** The proxies the deployment trusts (TRUSTED_PROXY_HOPS, TRUSTED_PROXIES); read once. */
function trustPolicy(): TrustPolicy {
  cachedPolicy ??= parseTrustPolicy(process.env);
  return cachedPolicy;
}

/**
 * The caller's address: the socket's peer, or the hop a trusted proxy names in X-Forwarded-For.
 * A raw header is never believed on its own. Null when the server was started without the
 * launcher's preload, so the socket is not known (logged once).
 */
export function clientAddress(headers: HeaderSource, policy: TrustPolicy = trustPolicy()): string | null {
  const name = socketAddressHeader();
  const socket = name ? header(headers, name) : null;
  if (!socket) {
    if (!warned) {
      warned = true;
      console.error(
        "sign-in: the client's address is unknown (the server was not started with `npm start`), so sign-in limits count every client together.",
      );
    }
    return null;
  }
  return resolveClientAddress(policy, socket, header(headers, "x-forwarded-for"));
}
