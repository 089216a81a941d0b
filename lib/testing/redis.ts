// Test-only: the Redis the multi-instance tests use (TEST_REDIS_URL, REDIS_URL, or the local
// server), and whether it answers. Without one, CI fails with a clear message; a developer
// machine skips those tests with the reason.
import { randomBytes } from "node:crypto";
import net from "node:net";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Null when Redis accepts a connection, else why it does not. */
export async function redisUnavailableReason(url = TEST_REDIS_URL, timeoutMs = 1000): Promise<string | null> {
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
  if (reachable) return null;
  const reason = `no Redis answers at ${url} (set TEST_REDIS_URL, or start redis-server)`;
  if (process.env.CI === "true" || process.env.CI === "1")
    throw new Error(`CI needs Redis for the multi-instance tests: ${reason}`);
  return reason;
}

/** A key prefix no other test run shares. */
export function uniqueKeyPrefix(): string {
  return `llmm-test-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}:`;
}

/** A TCP proxy to the test Redis that a test can cut (every connection dropped, none accepted) and restore on the same port. */
export async function cuttableRedisProxy(
  url = TEST_REDIS_URL,
): Promise<{ url: string; cut: () => Promise<void>; restore: () => Promise<void>; close: () => Promise<void> }> {
  const { hostname, port } = new URL(url);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: hostname, port: Number(port || 6379) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (at: number) => new Promise<void>((resolve) => server.listen(at, "127.0.0.1", resolve));
  await listen(0);
  const proxyPort = (server.address() as net.AddressInfo).port;
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    url: `redis://127.0.0.1:${proxyPort}`,
    cut,
    restore: () => listen(proxyPort),
    close: () => (server.listening ? cut() : Promise.resolve()),
  };
}
