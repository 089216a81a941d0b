// What a sign-in writes: its audit entry (never the password, only the client's address) and,
// after a right password, the stored hash upgraded to the current algorithm.
import type { Actor } from "@/lib/db/actor";
import { recordAudit } from "@/lib/db/audit-log";
import { database, type Database } from "@/lib/db/client";

export type SignInOutcome = "sign_in" | "sign_in_failed" | "sign_in_throttled";

/** The entity id of attempts that name no account (an unknown email, or a throttled address). */
const UNKNOWN_ACCOUNT = "unknown";

/** Appends one sign-in event. `userId` is the account tried when the email belongs to one. */
export async function recordSignInEvent({
  db = database(),
  outcome,
  user,
  address,
  detail,
}: {
  db?: Database;
  outcome: SignInOutcome;
  user: { id: number; email: string } | null;
  address: string | null;
  detail?: string;
}): Promise<void> {
  // Only a right password makes the account the actor; otherwise whoever tried is just an address.
  const actor: Actor =
    outcome === "sign_in" && user
      ? { userId: user.id, tokenId: null, label: user.email, role: "viewer" }
      : { userId: null, tokenId: null, label: `anonymous (${address ?? "unknown address"})`, role: "viewer" };
  await recordAudit({
    db,
    actor,
    action: outcome,
    entityType: "user",
    entityId: user?.id ?? UNKNOWN_ACCOUNT,
    changes: {
      address: { from: null, to: address ?? "unknown" },
      ...(detail ? { detail: { from: null, to: detail } } : {}),
    },
  });
}

/** Stores a stronger hash, unless the password was changed meanwhile (then the new one stays). */
export async function upgradePasswordHash({
  db = database(),
  id,
  from,
  to,
}: {
  db?: Database;
  id: number;
  from: string;
  to: string;
}): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id, passwordHash: from }, data: { passwordHash: to } });
  return count === 1;
}
