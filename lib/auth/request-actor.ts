import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { rememberedIdentity, type Identity } from "@/lib/auth/identity-cache";
import { assertSameOrigin } from "@/lib/auth/same-origin";
import { sessionIdentity } from "@/lib/auth/session-identity";
import { hashApiToken } from "@/lib/auth/token-secret";
import type { Actor } from "@/lib/db/actor";
import { findUserByApiToken } from "@/lib/db/api-tokens";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Who is asking and how: `scope` is a token's (read or full, absent means full); a session always has full scope. */
export type RequestActor = Actor & { via: "session" | "token"; sessionId?: string | null; scope?: "read" | "full" };

const LABEL_LENGTH = 320;

function actorFor(identity: Identity, via: RequestActor["via"]): RequestActor {
  const { user, tokenId, token } = identity;
  // The audit log names the token as well as its owner, so a script's changes read as the script's.
  const label =
    tokenId === null ? user.email : `${user.email} (API token #${tokenId}${token ? ` "${token.name}"` : ""})`;
  return {
    userId: user.id,
    tokenId,
    label: label.slice(0, LABEL_LENGTH),
    role: user.role,
    via,
    sessionId: identity.sessionId ?? null,
    scope: token?.scope ?? "full",
  };
}

/** The user behind a request: a bearer API token or the session cookie; 401 otherwise. */
async function authenticateRequest(request: NextRequest): Promise<RequestActor> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match?.[1];
    const found =
      token && token.length <= 200
        ? await rememberedIdentity(`token:${hashApiToken(token)}`, () => findUserByApiToken({ token }))
        : null;
    if (!found || found.tokenId === null)
      throw new AppError(
        "unauthorized",
        "The API token is invalid, expired or revoked. Create a new one under API tokens.",
      );
    return actorFor(found, "token");
  }
  const identity = await sessionIdentity(await getToken({ req: request, secret: serverEnv().nextAuthSecret }));
  if (!identity) {
    throw new AppError(
      "unauthorized",
      "Sign in, or send an API token as Authorization: Bearer <token>. A session ends at sign-out, after a password change, when it sits idle or after 12 hours.",
    );
  }
  return actorFor(identity, "session");
}

/**
 * Authenticates, then authorizes: `admin` requires the admin role, `change` refuses session-cookie
 * requests not shown to come from the app's own pages (bearer tokens are not sent by browsers on their own).
 * `change` marks every request that changes something or starts a run: read-only tokens get 403.
 */
export async function requireActor(
  request: NextRequest,
  { role, change = false }: { role?: "admin"; change?: boolean } = {},
): Promise<RequestActor> {
  const actor = await authenticateRequest(request);
  if (change && actor.scope === "read")
    throw new AppError(
      "forbidden",
      "This API token is read-only: it cannot change anything or start runs. Create a token with full access for that.",
    );
  if (change && actor.via === "session") assertSameOrigin(request);
  if (role === "admin" && actor.role !== "admin") {
    throw new AppError(
      "forbidden",
      "Only administrators can do this. Ask an administrator to change it or to give you the admin role.",
    );
  }
  return actor;
}
