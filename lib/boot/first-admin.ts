import { database, type Database } from "@/lib/db/client";
import { countUsers, createFirstAdmin } from "@/lib/db/users";
import { parseOrThrow } from "@/lib/validation/issues";
import { firstAdminSchema } from "@/lib/validation/user";

export type FirstAdminOutcome = { message: string; usersExist: boolean; warning: string | null };

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD while no user exists; says what happened. */
export async function ensureFirstAdmin({
  db = database(),
  env = process.env,
}: { db?: Database; env?: Partial<Record<string, string>> } = {}): Promise<FirstAdminOutcome> {
  if ((await countUsers({ db })) > 0) {
    // Once an admin exists the variable does nothing: say so, so nobody thinks it resets a password.
    const warning = env.ADMIN_PASSWORD
      ? "ADMIN_PASSWORD is ignored: an administrator exists already. Remove ADMIN_PASSWORD and ADMIN_EMAIL from the environment; change passwords under Users."
      : null;
    return { message: "users exist", usersExist: true, warning };
  }
  const email = env.ADMIN_EMAIL;
  const password = env.ADMIN_PASSWORD;
  if (!email || !password)
    return { message: "no users yet: open /setup to create the first administrator", usersExist: false, warning: null };
  const input = parseOrThrow(firstAdminSchema, { email, password, name: env.ADMIN_NAME }, "administrator");
  const user = await createFirstAdmin({ db, input });
  return { message: `first administrator ${user.email} created from ADMIN_EMAIL`, usersExist: true, warning: null };
}
