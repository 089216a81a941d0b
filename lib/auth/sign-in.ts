// Checking an email and password (next-auth's authorize()): the throttle counts the attempt first,
// then the password is checked in the hash gate, then the outcome is audited. Existing and unknown
// accounts get the same answers in the same time.
import { availableParallelism } from "node:os";
import { clientAddress } from "@/lib/auth/client-address";
import { HashGate, HashGateBusy } from "@/lib/auth/hash-gate";
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/passwords";
import { hashGateLimits } from "@/lib/auth/sign-in-limits";
import { signInThrottle, type Admission, type Refusal, type RefusalScope } from "@/lib/auth/sign-in-throttle";
import type { User } from "@/lib/db/generated/prisma/client";
import { recordSignInEvent, upgradePasswordHash, type SignInOutcome } from "@/lib/db/sign-ins";
import { findUserByEmail, recordSignIn } from "@/lib/db/users";
import { errorMessage } from "@/lib/errors";
import { processSingleton } from "@/lib/process-singleton";

/** A sign-in refused before its password was checked; the message is shown on the form as it is. */
export class SignInRefused extends Error {}

const BUSY = "Sign-in is busy right now. Wait a few seconds and try again.";

function refusalMessage(scope: RefusalScope, seconds: number): string {
  const minutes = `${Math.ceil(seconds / 60)} minute(s)`;
  if (scope === "account")
    return `Too many failed sign-ins for this account from your network. Try again in ${minutes}, or ask an administrator to set a new password.`;
  if (scope === "address") return `Too many failed sign-ins from your network. Try again in ${minutes}.`;
  return BUSY;
}

function hashGate(): HashGate {
  return processSingleton("hashGate", () => new HashGate(hashGateLimits(availableParallelism())));
}

// Audit writes of failures do not hold up the answer: a failure for a real account must not take
// longer than one for an unknown email.
function auditLater(event: Parameters<typeof recordSignInEvent>[0]): void {
  recordSignInEvent(event).catch((error: unknown) =>
    console.error("sign-in: the audit entry could not be written:", errorMessage(error)),
  );
}

async function auditRefusal(refusal: Refusal, email: string, address: string | null): Promise<void> {
  // One entry when a limit is reached, not one per refused attempt.
  if (!refusal.first) return;
  const user = refusal.scope === "account" && email ? await findUserByEmail({ email }) : null;
  auditLater({
    outcome: "sign_in_throttled",
    user,
    address,
    detail:
      refusal.scope === "account"
        ? "account and address limit"
        : refusal.scope === "address"
          ? "address limit"
          : "deployment limit",
  });
}

type Checked = { user: User | null; valid: boolean };

async function checkPassword(email: string, password: string): Promise<Checked> {
  const user = email ? await findUserByEmail({ email }) : null;
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (user && valid && user.active && needsRehash(user.passwordHash)) {
    await upgradePasswordHash({ id: user.id, from: user.passwordHash, to: await hashPassword(password) });
  }
  return { user, valid };
}

async function recordFailure(
  admission: Admission,
  user: User | null,
  address: string | null,
  outcome: SignInOutcome,
): Promise<void> {
  // Unknown emails: one entry per address and window, so nobody can fill the table by typing names.
  if (!user && !(await signInThrottle().firstInWindow(`unknown-email|${admission.bucket}`))) return;
  auditLater({
    outcome,
    user,
    address,
    detail: user
      ? user.active
        ? "wrong password"
        : "account deactivated"
      : "unknown email (further ones from this address in the next 15 minutes are not recorded)",
  });
}

/**
 * The user whose email and password these are, or null (a wrong password, an unknown email, a
 * deactivated account). Throws SignInRefused when the attempt is throttled.
 */
export async function signInWithPassword({
  email: typedEmail,
  password: typedPassword,
  headers,
}: {
  email: unknown;
  password: unknown;
  headers: Record<string, string | string[] | undefined> | Headers;
}): Promise<User | null> {
  const email = String(typedEmail ?? "")
    .trim()
    .toLowerCase()
    .slice(0, 320);
  const password = String(typedPassword ?? "").slice(0, 200);
  const address = clientAddress(headers);
  const throttle = signInThrottle();
  const admission = await throttle.admit(email, address);
  if (!admission.admitted) {
    await auditRefusal(admission, email, address);
    throw new SignInRefused(refusalMessage(admission.scope, admission.retryAfterSeconds));
  }
  let checked: Checked;
  try {
    checked = await hashGate().run(admission.bucket, () => checkPassword(email, password));
  } catch (error) {
    if (!(error instanceof HashGateBusy)) throw error;
    await throttle.refund(admission);
    throw new SignInRefused(BUSY);
  }
  const { user, valid } = checked;
  if (!user || !valid || !user.active) {
    await recordFailure(admission, user, address, "sign_in_failed");
    return null;
  }
  await throttle.succeeded(admission);
  await recordSignIn({ id: user.id });
  await recordSignInEvent({ outcome: "sign_in", user, address });
  return user;
}
