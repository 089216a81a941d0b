import type { JWT } from "next-auth/jwt";
import { rememberedIdentity, type Identity } from "@/lib/auth/identity-cache";
import { findUserBySession } from "@/lib/db/sessions";
import { serverEnv } from "@/lib/env";

/**
 * The identity behind a decoded session cookie, or null: the cookie must name a live session
 * row (`sid`) of its own user. Shared by the API (request-actor.ts) and the pages (page-user.ts),
 * so a revoked session is refused by both. A cookie from before sessions were kept has no `sid`.
 */
export async function sessionIdentity(token: JWT | null): Promise<Identity | null> {
  const userId = Number(token?.sub);
  const sessionId = typeof token?.sid === "string" ? token.sid : null;
  if (!Number.isSafeInteger(userId) || userId <= 0 || !sessionId) return null;
  const identity = await rememberedIdentity(`session:${sessionId}`, () =>
    findUserBySession({ sessionId, userId, idleMs: serverEnv().sessionIdleMs }),
  );
  return identity?.user.id === userId ? identity : null;
}
