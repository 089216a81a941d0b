import ipaddr from "ipaddr.js";
import { generateSetupCode, LOOPBACK_SETUP_GUARD, SETUP_GUARD_ENV } from "@/lib/auth/setup-code";

// What the launcher decides about a server's first run: where it listens, whether that needs
// NEXTAUTH_URL and a set-up code, and what of its own environment `next start` may see.

/** The interface `next start` binds: HOST, else loopback for the embedded demo, else every interface. */
export function listenHost({ env, embedded }: { env: Partial<Record<string, string>>; embedded: boolean }): string {
  return env.HOST || (embedded ? "127.0.0.1" : "0.0.0.0");
}

/** True when only this machine can reach the server (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (bare === "localhost") return true;
  return ipaddr.isValid(bare) && ipaddr.process(bare).range() === "loopback";
}

/** Why the server must not start as configured, or null. */
export function listenProblem({
  host,
  nextAuthUrl,
}: {
  host: string;
  nextAuthUrl: string | undefined;
}): { message: string; hint: string } | null {
  if (isLoopbackHost(host) || nextAuthUrl) return null;
  return {
    message: `the server would listen on ${host}, reachable from other machines, but NEXTAUTH_URL is not set.`,
    hint: "Set NEXTAUTH_URL to the address people open (e.g. https://llm.example.com): sign-in links and secure cookies are built from it, not from what a client sends. Or set HOST=127.0.0.1 to listen on this machine only.",
  };
}

/** The /setup guard for `next start`, and the one-time code to print when set-up is still open beyond loopback. */
export function setupGuard({ host, usersExist }: { host: string; usersExist: boolean }): {
  guard: string;
  code: string | null;
} {
  if (isLoopbackHost(host)) return { guard: LOOPBACK_SETUP_GUARD, code: null };
  // Always a code beyond loopback: should the users vanish, set-up still needs this console.
  const { code, guard } = generateSetupCode();
  return { guard, code: usersExist ? null : code };
}

// Used by the launcher only; the server never needs them, and they must not sit in its environment.
const LAUNCHER_ONLY = ["ADMIN_EMAIL", "ADMIN_PASSWORD", "ADMIN_NAME"];

/** The environment handed to `next start`: the launcher's, without the first admin's credentials, with the set-up guard. */
export function nextServerEnv(env: NodeJS.ProcessEnv, guard: string): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...env, NEXT_TELEMETRY_DISABLED: "1", [SETUP_GUARD_ENV]: guard };
  for (const name of LAUNCHER_ONLY) delete result[name];
  return result;
}
