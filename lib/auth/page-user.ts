import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { NextRequest } from "next/server";
import { cache } from "react";
import { sessionIdentity } from "@/lib/auth/session-identity";
import type { PublicUser } from "@/lib/contracts/users";
import { toPublicUser } from "@/lib/views/users";
import { serverEnv } from "@/lib/env";

/** The signed-in user's identity on a page request, or null (the same check as the API's). */
const findPageIdentity = cache(async () => {
  // getToken reads the cookie from a request; a page has only its headers.
  const token = await getToken({
    req: new NextRequest("http://page.invalid/", { headers: await headers() }),
    secret: serverEnv().nextAuthSecret,
  });
  return sessionIdentity(token);
});

/**
 * The signed-in, still active user of a page request, or null. Cached per request: the layout,
 * a segment layout and the page each ask, and one session read and lookup serve them all.
 */
export const findPageUser = cache(async (): Promise<PublicUser | null> => {
  const identity = await findPageIdentity();
  return identity ? toPublicUser(identity.user) : null;
});

/** The signed-in user, or a redirect to sign-in; `admin` pages send viewers home. */
export async function requirePageUser({ role }: { role?: "admin" } = {}): Promise<PublicUser> {
  const user = await findPageUser();
  if (!user) redirect("/login");
  if (role === "admin" && user.role !== "admin") redirect("/");
  return user;
}

/** The signed-in admin; a viewer gets the 403 page (app/(app)/forbidden.tsx). */
export async function requireAdminPage(): Promise<PublicUser> {
  const user = await requirePageUser();
  if (user.role !== "admin") forbidden();
  return user;
}
