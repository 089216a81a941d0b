// Test-only tripwire: while installed, every socket this process opens must go to loopback. It
// records each connect attempt and stops any other target before a packet leaves, so a test of
// the outbound policy stays safe even if the code under test failed open.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import net from "node:net";
import { afterEach, beforeEach } from "vitest";

export class TripwireError extends Error {
  readonly code = "ERR_TEST_TRIPWIRE";
}

type Lookup = (
  hostname: string,
  options: object,
  callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
) => void;

function isLoopback(address: string): boolean {
  return address === "::1" || address === "::ffff:127.0.0.1" || /^127\.\d+\.\d+\.\d+$/.test(address);
}

function connectOptions(args: unknown[]): Record<string, unknown> | null {
  // net.connect hands Socket#connect its normalised [options, callback] array.
  const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0];
  return typeof first === "object" && first !== null ? (first as Record<string, unknown>) : null;
}

/** Checks the addresses a lookup produced before the socket may use them. */
function loopbackLookup(inner: Lookup): Lookup {
  return (hostname, options, callback) =>
    inner(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      if (!addresses.every(isLoopback))
        return callback(
          new TripwireError(`tripwire: ${hostname} resolved to ${addresses.join(", ")}, not loopback`),
          [],
        );
      callback(null, address, family);
    });
}

/** Installs the tripwire; `attempts` lists every host a socket tried, `restore()` removes it. */
export function keepSocketsOnLoopback(): { attempts: string[]; restore: () => void } {
  const original = net.Socket.prototype.connect;
  const attempts: string[] = [];
  const guarded = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const options = connectOptions(args);
    if (options && typeof options.path !== "string") {
      const host = typeof options.host === "string" ? options.host : "localhost";
      attempts.push(host);
      if (net.isIP(host) !== 0 && !isLoopback(host)) {
        process.nextTick(() =>
          this.destroy(new TripwireError(`tripwire: a socket tried ${host}, which is not loopback`)),
        );
        return this;
      }
      if (net.isIP(host) === 0) {
        const given = options.lookup;
        options.lookup = loopbackLookup(typeof given === "function" ? (given as Lookup) : dnsLookup);
      }
    }
    return Reflect.apply(original, this, args) as net.Socket;
  };
  net.Socket.prototype.connect = guarded;
  return {
    attempts,
    restore: () => {
      net.Socket.prototype.connect = original;
    },
  };
}

/**
 * For a test file: the tripwire around each test, and afterwards PROVIDER_HOSTS_ALLOW unset and
 * the servers handed to `track` closed.
 */
export function loopbackOnlyPerTest(): {
  attempts: () => string[];
  track: <T extends { close: () => Promise<void> }>(server: T) => T;
} {
  let tripwire: ReturnType<typeof keepSocketsOnLoopback> | undefined;
  const servers: Array<{ close: () => Promise<void> }> = [];
  beforeEach(() => {
    tripwire = keepSocketsOnLoopback();
  });
  afterEach(async () => {
    tripwire?.restore();
    delete process.env.PROVIDER_HOSTS_ALLOW;
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return {
    attempts: () => tripwire?.attempts ?? [],
    track: (server) => {
      servers.push(server);
      return server;
    },
  };
}
