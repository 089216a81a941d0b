import type { PublicApiToken } from "@/lib/contracts/tokens";
import type { ApiToken, User } from "@/lib/db/generated/prisma/client";

/** A token's record as shown in lists: never its value or hash. */
export function toPublicApiToken(token: ApiToken & { user: Pick<User, "email"> }): PublicApiToken {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    userId: token.userId,
    userEmail: token.user.email,
    scope: token.scope,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    createdAt: token.createdAt.toISOString(),
  };
}
