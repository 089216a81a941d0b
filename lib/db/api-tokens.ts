import { generateApiToken, hashApiToken, TOKEN_PREFIX } from "@/lib/auth/token-secret";
import type { Actor } from "@/lib/db/actor";
import { recordAudit } from "@/lib/db/audit-log";
import { database, type Database } from "@/lib/db/client";
import type { ApiToken, User } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { ApiTokenCreateValues } from "@/lib/validation/api-token";

type TokenWithUser = ApiToken & { user: Pick<User, "email"> };

const DEFAULT_TOKEN_EXPIRY_DAYS = 90;

/**
 * Issues a named token acting as its creator, with the creator's role, limited by its scope;
 * it expires after DEFAULT_TOKEN_EXPIRY_DAYS unless `expiresInDays` says otherwise (null: never).
 * The returned `token` is the only time its value exists in clear.
 */
export async function createApiToken({
  db = database(),
  input: values,
  actor,
}: {
  db?: Database;
  input: ApiTokenCreateValues;
  actor: Actor;
}): Promise<{ token: string; record: TokenWithUser }> {
  const userId = actor.userId;
  if (userId === null)
    throw new AppError("forbidden", "Only a signed-in user can create an API token; it acts as that user.");
  const days = values.expiresInDays === undefined ? DEFAULT_TOKEN_EXPIRY_DAYS : values.expiresInDays;
  const { token, hash, prefix } = generateApiToken();
  const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000);
  const record = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { name: values.name, tokenHash: hash, prefix, userId, scope: values.scope, expiresAt },
      include: { user: { select: { email: true } } },
    });
    await recordAudit({
      db: tx,
      actor,
      action: "create",
      entityType: "api_token",
      entityId: created.id,
      changes: {
        name: { from: null, to: created.name },
        user: { from: null, to: created.user.email },
        scope: { from: null, to: created.scope },
        expiresAt: { from: null, to: expiresAt?.toISOString() ?? null },
      },
    });
    return created;
  });
  return { token, record };
}

export async function listApiTokens({ db = database() }: { db?: Database } = {}): Promise<TokenWithUser[]> {
  return db.apiToken.findMany({ orderBy: { id: "desc" }, include: { user: { select: { email: true } } } });
}

/** Revokes a token at once; revoking twice is harmless. */
export async function revokeApiToken({
  db = database(),
  id,
  actor,
}: {
  db?: Database;
  id: number;
  actor: Actor;
}): Promise<TokenWithUser> {
  const token = await db.apiToken.findUnique({ where: { id }, include: { user: { select: { email: true } } } });
  if (!token) throw new AppError("not_found", `No API token with id ${id}.`);
  if (token.revokedAt) return token;
  const revoked = await db.$transaction(async (tx) => {
    const updated = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: new Date() },
      include: { user: { select: { email: true } } },
    });
    await recordAudit({
      db: tx,
      actor,
      action: "revoke",
      entityType: "api_token",
      entityId: id,
      changes: { revokedAt: { from: null, to: updated.revokedAt?.toISOString() ?? null } },
    });
    return updated;
  });
  return revoked;
}

const LAST_USED_PRECISION_MS = 60_000;

/** The active user a bearer token acts as, or null for an unknown, revoked or expired token. */
export async function findUserByApiToken({ db = database(), token }: { db?: Database; token: string }): Promise<{
  user: User;
  tokenId: number;
  token: { name: string; scope: "read" | "full" };
  expiresAt: Date | null;
} | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const record = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(token) }, include: { user: true } });
  const now = Date.now();
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt.getTime() <= now) || !record.user.active)
    return null;
  // One write a minute at most, not one per request.
  if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    user: record.user,
    tokenId: record.id,
    token: { name: record.name, scope: record.scope },
    expiresAt: record.expiresAt,
  };
}
