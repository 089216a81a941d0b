import { randomBytes } from "node:crypto";
import { database, type Database } from "@/lib/db/client";
import type { Prisma, Session, User } from "@/lib/db/generated/prisma/client";

// A session lives SESSION_MAX_AGE_SECONDS from sign-in at most (next-auth renews the cookie, the
// row does not move) and ends sooner after `idleMs` without a request, on sign-out, a password
// change, (de)activation or "sign out everywhere". The cookie carries only the row's random id.
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
const LAST_SEEN_PRECISION_MS = 60_000;

type SessionWriter = Database | Prisma.TransactionClient;

/** A new session for a user who just signed in; the user's long-dead sessions are cleared away. */
export async function createSession({
  db = database(),
  userId,
  now = new Date(),
}: {
  db?: Database;
  userId: number;
  now?: Date;
}): Promise<Session> {
  await db.session.deleteMany({ where: { userId, expiresAt: { lt: now } } });
  return db.session.create({
    data: {
      id: randomBytes(32).toString("base64url"),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
  });
}

/**
 * The active user behind a live session, or null when the session is unknown, belongs to someone
 * else, was revoked, expired or sat idle for `idleMs` (0: no idle limit). `expiresAt` is when it
 * would end if unused, so a cache never keeps it longer.
 */
export async function findUserBySession({
  db = database(),
  sessionId,
  userId,
  idleMs,
}: {
  db?: Database;
  sessionId: string;
  userId: number;
  idleMs: number;
}): Promise<{ user: User; tokenId: null; sessionId: string; expiresAt: Date } | null> {
  if (sessionId.length > 64) return null;
  const record = await db.session.findUnique({ where: { id: sessionId }, include: { user: true } });
  const now = Date.now();
  if (
    !record ||
    record.userId !== userId ||
    record.revokedAt ||
    record.expiresAt.getTime() <= now ||
    !record.user.active
  )
    return null;
  if (idleMs > 0 && record.lastSeenAt.getTime() + idleMs <= now) return null;
  // One write a minute at most, not one per request.
  let lastSeen = record.lastSeenAt.getTime();
  if (now - lastSeen > LAST_SEEN_PRECISION_MS) {
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } });
    lastSeen = now;
  }
  const idleEnd = idleMs > 0 ? lastSeen + idleMs : Number.POSITIVE_INFINITY;
  return {
    user: record.user,
    tokenId: null,
    sessionId,
    expiresAt: new Date(Math.min(record.expiresAt.getTime(), idleEnd)),
  };
}

/** Ends one session (sign-out); ending it twice is harmless (lib/auth/identity-changes.ts forgets its cached identity). */
export async function revokeSession({
  db = database(),
  sessionId,
}: {
  db?: Database;
  sessionId: string;
}): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/**
 * Ends every live session of a user but `except` (the one that changed the password may stay).
 * Inside the caller's transaction when given one: the caller then forgets the user's identities
 * once it committed.
 */
export async function revokeUserSessions({
  db = database(),
  userId,
  except,
}: {
  db?: SessionWriter;
  userId: number;
  except?: string | null | undefined;
}): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() }, ...(except ? { id: { not: except } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}
