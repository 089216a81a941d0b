import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { findUserById, toPublicUser, type PublicUser } from "@/lib/db/users";

/**
 * The signed-in, still active user of a page request, or null. Cached per request: the layout,
 * a segment layout and the page each ask, and one session read and lookup serve them all.
 */
export const findPageUser = cache(async (): Promise<PublicUser | null> => {
  const session = await getServerSession(authOptions());
  const sessionUser = session?.user as { id?: unknown; email?: unknown } | undefined;
  const id = Number(sessionUser?.id);
  const user = Number.isSafeInteger(id) && id > 0 ? await findUserById({ id }) : null;
  return user?.active ? toPublicUser(user) : null;
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
