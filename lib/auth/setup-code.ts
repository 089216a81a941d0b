import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { setupGuardEnv } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";

// The first-run guard of /setup. The launcher (lib/boot/start.ts) hands `next start` one value in
// LLMM_SETUP_GUARD: "loopback" when the server listens on this machine only (no code needed), or
// "sha256:<hex>" of the one-time code it printed on the console. Without the variable (the app
// started some other way) set-up is refused: it fails closed.
export const SETUP_GUARD_ENV = "LLMM_SETUP_GUARD";
/** The guard value for a server that listens on loopback only. */
export const LOOPBACK_SETUP_GUARD = "loopback";
// No 0/O or 1/I/L: the code is read off a console and typed.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const GROUPS = 5;
const GROUP_LENGTH = 4;

const digest = (code: string): Buffer => createHash("sha256").update(normalizeSetupCode(code)).digest();

/** Case, spaces and dashes do not matter when the code is typed. */
function normalizeSetupCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

/** A new one-time code (about 99 bits) and the guard value that accepts it. */
export function generateSetupCode(): { code: string; guard: string } {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""),
  );
  const code = groups.join("-");
  return { code, guard: `sha256:${digest(code).toString("hex")}` };
}

const setupCode = () => processSingleton("setupCode", () => ({ used: false }));

/** Whether /setup asks for the console's code on this server. */
export function setupCodeRequired(env: Partial<Record<string, string>> = setupGuardEnv()): boolean {
  return env[SETUP_GUARD_ENV] !== LOOPBACK_SETUP_GUARD;
}

/** True when set-up may go ahead with `given`: no code needed, or the right one, not used before (constant-time compare). */
export function setupCodeAccepted(
  given: string | undefined,
  env: Partial<Record<string, string>> = setupGuardEnv(),
): boolean {
  const guard = env[SETUP_GUARD_ENV];
  if (guard === LOOPBACK_SETUP_GUARD) return true;
  if (!guard?.startsWith("sha256:") || given === undefined || setupCode().used) return false;
  const expected = Buffer.from(guard.slice("sha256:".length), "hex");
  const actual = digest(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** After the first admin was created with the code: it never works again in this process. */
export function consumeSetupCode(): void {
  setupCode().used = true;
}
