import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { providerHostsAllowList } from "@/lib/env";
import { errorMessage } from "@/lib/errors";
import {
  OutboundRefusedError,
  outboundRefusal,
  ProviderRedirectError,
  type HostAllowList,
} from "@/lib/llm/outbound-policy";

// Every provider request (both SDKs' `fetch`, Ollama's calls, model lists, connection tests) goes
// through providerFetch, which
// - checks the outbound policy (outbound-policy.ts) on the addresses the socket really connects
//   to: the Agent's `connect.lookup` sees every DNS answer at connect time (so DNS rebinding
//   does not get around it), and IP literals, which Node connects to without a lookup, are
//   checked here before fetch;
// - never follows a redirect: a 3xx becomes ProviderRedirectError, so neither a key nor an extra
//   header reaches another origin;
// - lifts undici's 300 s idle limits (`headersTimeout`, `bodyTimeout`): a long silent thinking
//   phase, or Ollama loading a model with no keep-alives, would fail. Run timeouts (first token,
//   total) are the engine's job; these limits are only a backstop against sockets that hang.
// The `undici` package is not installed, but Node's bundled undici registers its global Agent
// under a well-known symbol; one more Agent of that class, made once and reused (keep-alive
// pools), carries these settings. Where the class cannot be found, provider requests are refused:
// without the Agent the policy could not be enforced.

/** Idle limit for headers and for gaps between body chunks. */
const IDLE_LIMIT_MS = 30 * 60_000;

/** The SDKs' wait for response headers (their default is 10 minutes); the same backstop. */
export const SDK_TIMEOUT_MS = IDLE_LIMIT_MS;

const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type LookupOptions = {
  family?: number | "IPv4" | "IPv6" | undefined;
  hints?: number | undefined;
  all?: boolean | undefined;
};
/** Resolves every address of a host name (dns.lookup with `all: true` by default). */
export type Resolver = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, options, callback) =>
  dnsLookup(hostname, { family: options.family, hints: options.hints, all: true }, callback);

function currentAllowList(): { allowList: HostAllowList | null } | { problem: string } {
  try {
    return { allowList: providerHostsAllowList() };
  } catch (error) {
    return { problem: errorMessage(error) };
  }
}

/**
 * A `lookup` for net/tls.connect that resolves the host, then refuses the connection unless the
 * policy allows every address it resolved to. Exported for tests, which inject a resolver.
 */
export function guardedLookup(
  resolve: Resolver = systemResolver,
  allowList: () => ReturnType<typeof currentAllowList> = currentAllowList,
) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const policy = allowList();
    if ("problem" in policy) {
      callback(new OutboundRefusedError(`${policy.problem} Provider requests are refused until it is fixed.`), []);
      return;
    }
    resolve(hostname, options, (error, addresses) => {
      if (error) return callback(error, []);
      const refusal =
        addresses.length === 0
          ? `${hostname} has no address.`
          : outboundRefusal({
              hostname,
              addresses: addresses.map((entry) => entry.address),
              allowList: policy.allowList,
            });
      if (refusal) return callback(new OutboundRefusedError(refusal), []);
      const first = addresses[0];
      if (options.all || !first) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

type AgentConstructor = new (options: {
  headersTimeout: number;
  bodyTimeout: number;
  connect: { lookup: ReturnType<typeof guardedLookup> };
}) => object;

let guardedDispatcher: object | null | undefined;

function findGuardedDispatcher(): object | null {
  if (guardedDispatcher !== undefined) return guardedDispatcher;
  guardedDispatcher = null;
  try {
    // Constructing a Response makes Node load its bundled undici, which registers the global Agent.
    void new Response(null);
    const current: unknown = Reflect.get(globalThis, GLOBAL_DISPATCHER);
    if (typeof current === "object" && current !== null && current.constructor.name === "Agent") {
      const Agent = current.constructor as AgentConstructor;
      guardedDispatcher = new Agent({
        headersTimeout: IDLE_LIMIT_MS,
        bodyTimeout: IDLE_LIMIT_MS,
        connect: { lookup: guardedLookup() },
      });
    }
  } catch {
    guardedDispatcher = null;
  }
  return guardedDispatcher;
}

/** True when provider requests can be made: the guarded, long-idle dispatcher exists (see the note at the top of this file). */
export function hasPatientDispatcher(): boolean {
  return findGuardedDispatcher() !== null;
}

/** Refuses, before any socket opens, what the Agent's lookup cannot see: credentials in the URL, IP literals outside the policy. */
function assertAllowedTarget(url: URL): void {
  if (url.username || url.password)
    throw new OutboundRefusedError(
      "The base URL contains a user name or password. Remove it and put credentials in the API key or an extra header.",
    );
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(hostname) === 0) return;
  const policy = currentAllowList();
  if ("problem" in policy)
    throw new OutboundRefusedError(`${policy.problem} Provider requests are refused until it is fixed.`);
  const refusal = outboundRefusal({ hostname, addresses: [hostname], allowList: policy.allowList });
  if (refusal) throw new OutboundRefusedError(refusal);
}

function redirectTarget(response: Response, requestUrl: URL): string | null {
  const location = response.headers.get("location");
  if (!location) return null;
  try {
    return new URL(location, requestUrl).origin;
  } catch {
    return null;
  }
}

/** `fetch` for provider requests: the outbound policy, no redirects, no 300 s idle limits. */
export async function providerFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input);
  assertAllowedTarget(url);
  const dispatcher = findGuardedDispatcher();
  if (!dispatcher)
    throw new OutboundRefusedError(
      "This runtime's fetch cannot enforce the outbound policy, so provider requests are refused. Run the app on Node.js 20.9 or newer.",
    );
  // `dispatcher` is Node's extension of RequestInit.
  const guarded: RequestInit & { dispatcher: object } = { ...init, redirect: "manual", dispatcher };
  const response = await fetch(input, guarded);
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    throw new ProviderRedirectError(response.status, redirectTarget(response, url));
  }
  return response;
}
