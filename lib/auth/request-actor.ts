import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { rememberedIdentity } from "@/lib/auth/identity-cache";
import { assertSameOrigin } from "@/lib/auth/same-origin";
import { hashApiToken } from "@/lib/auth/token-secret";
import type { Actor } from "@/lib/db/actor";
import { findUserByApiToken } from "@/lib/db/api-tokens";
import type { User } from "@/lib/db/generated/prisma/client";
import { findUserById } from "@/lib/db/users";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type RequestActor = Actor & { via: "session" | "token" };

function actorFor(user: User, via: RequestActor["via"], tokenId: number | null): RequestActor {
  return { userId: user.id, tokenId, label: tokenId === null ? user.email : `${user.email} (API token #${tokenId})`, role: user.role, via };
}

/** The user behind a request: a bearer API token or the session cookie; 401 otherwise. */
export async function authenticateRequest(request: NextRequest): Promise<RequestActor> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match?.[1];
    const found = token && token.length <= 200 ? await rememberedIdentity(`token:${hashApiToken(token)}`, () => findUserByApiToken({ token })) : null;
    if (!found || found.tokenId === null) throw new AppError("unauthorized", "The API token is invalid, expired or revoked. Create a new one under API tokens.");
    return actorFor(found.user, "token", found.tokenId);
  }
  const session = await getToken({ req: request, secret: serverEnv().nextAuthSecret });
  const userId = Number(session?.sub);
  const identity =
    Number.isSafeInteger(userId) && userId > 0
      ? await rememberedIdentity(`user:${userId}`, async () => {
          const user = await findUserById({ id: userId });
          return user?.active ? { user, tokenId: null } : null;
        })
      : null;
  const user = identity?.user;
  if (!user) {
    throw new AppError("unauthorized", "Sign in, or send an API token as Authorization: Bearer <token>.");
  }
  return actorFor(user, "session", null);
}

/**
 * Authenticates, then authorizes: `admin` requires the admin role, `change` refuses session-cookie
 * requests not shown to come from the app's own pages (bearer tokens are not sent by browsers on their own).
 */
export async function requireActor(request: NextRequest, { role, change = false }: { role?: "admin"; change?: boolean } = {}): Promise<RequestActor> {
  const actor = await authenticateRequest(request);
  if (change && actor.via === "session") assertSameOrigin(request);
  if (role === "admin" && actor.role !== "admin") {
    throw new AppError("forbidden", "Only administrators can do this. Ask an administrator to change it or to give you the admin role.");
  }
  return actor;
}
