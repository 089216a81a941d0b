import { database, type Database } from "@/lib/db/client";
import { countUsers, createFirstAdmin } from "@/lib/db/users";

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD while no user exists; says what happened. */
export async function ensureFirstAdmin({ db = database() }: { db?: Database } = {}): Promise<string> {
  if ((await countUsers({ db })) > 0) return "users exist";
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return "no users yet: open /setup to create the first administrator";
  const user = await createFirstAdmin({ db, input: { email, password, name: process.env.ADMIN_NAME } });
  return `first administrator ${user.email} created from ADMIN_EMAIL`;
}
