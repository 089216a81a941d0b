import type { Actor } from "@/lib/db/actor";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";

// THE authorization policy for conversations and their runs (SECURITY.md, "Roles, ownership and run ids"): a
// conversation — its turns, runs, exports, re-runs and compare sets — belongs to its creator.
// Admins see and do everything; a viewer sees and continues only their own. A conversation whose
// creator is gone (or that the system made) belongs to the admins. Every route and page asks here.

/** Who is asking: enough of an actor (or a page's user) to decide. */
export type Principal = Pick<Actor, "userId" | "role">;

/** A record that belongs to whoever created it. */
export type OwnedRecord = { createdById: number | null };

export function isAdmin(principal: Principal): boolean {
  return principal.role === "admin";
}

/** The principal of a page's signed-in user. */
export function pagePrincipal(user: { id: number; role: Principal["role"] }): Principal {
  return { userId: user.id, role: user.role };
}

/** True when `principal` created the record (a missing id on either side never matches). */
export function isCreator(principal: Principal, record: OwnedRecord): boolean {
  return (
    typeof principal.userId === "number" &&
    typeof record.createdById === "number" &&
    record.createdById === principal.userId
  );
}

/** May see a conversation (its turns, runs, exports, re-runs, compare set): its creator or an admin. */
export function maySeeConversation(principal: Principal, record: OwnedRecord): boolean {
  return isAdmin(principal) || isCreator(principal, record);
}

/** May add turns to, rename or delete a conversation, or stop its runs: the same people today. */
export function mayChangeConversation(principal: Principal, record: OwnedRecord): boolean {
  return maySeeConversation(principal, record);
}

// Matches no row: `id IN ()`. Prisma reads an `undefined` filter as "no filter" (fails open), so a
// viewer without a user id gets this instead of anything built from that id.
const NOTHING: Prisma.ConversationWhereInput = { id: { in: [] } };

/**
 * The conversations `principal` may see, as a Prisma filter to AND with any other. Never empty for
 * a viewer: an admin gets `{}`, a viewer `{ createdById: <their id> }`, or one that matches nothing.
 */
export function visibleConversations(principal: Principal): Prisma.ConversationWhereInput {
  if (isAdmin(principal)) return {};
  const userId = principal.userId;
  return typeof userId === "number" && Number.isSafeInteger(userId) ? { createdById: userId } : NOTHING;
}

/** Refuses (403) a change to a conversation `principal` did not create, unless they are an admin. */
export function assertMayChangeConversation(principal: Principal, record: OwnedRecord, verb: string): void {
  if (!mayChangeConversation(principal, record)) {
    throw new AppError(
      "forbidden",
      `Only the user who created this conversation, or an administrator, can ${verb} it.`,
    );
  }
}

/** True when an admin acts on a conversation someone else created (such turns are audited). */
export function actsForAnother(principal: Principal, record: OwnedRecord): boolean {
  return isAdmin(principal) && !isCreator(principal, record);
}

/**
 * How `principal` may look configurations up for a connection test or a model list: admins may
 * exercise inactive ones (to check them before turning them back on); viewers only active ones.
 */
export function configurationLookup(principal: Principal): { activeOnly: boolean } {
  return { activeOnly: !isAdmin(principal) };
}
