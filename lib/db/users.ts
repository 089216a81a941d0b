import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/db/actor";
import { diffFields, recordAudit } from "@/lib/db/audit-log";
import { database, type Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { revokeUserSessions } from "@/lib/db/sessions";
import type { Prisma, User } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { FirstAdminValues, UserCreateValues, UserUpdateValues } from "@/lib/validation/user";

export async function countUsers({ db = database() }: { db?: Database } = {}): Promise<number> {
  return db.user.count();
}

export async function findUserByEmail({
  db = database(),
  email,
}: {
  db?: Database;
  email: string;
}): Promise<User | null> {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
}

async function findUserById({ db = database(), id }: { db?: Database; id: number }): Promise<User | null> {
  return db.user.findUnique({ where: { id } });
}

export async function listUsers({ db = database() }: { db?: Database } = {}): Promise<User[]> {
  return db.user.findMany({ orderBy: { email: "asc" } });
}

function emailTaken(email: string): AppError {
  const message = `A user with the email ${email} already exists.`;
  return new AppError("invalid_params", message, [{ path: "email", message }]);
}

/** Creates a user with a hashed password and records it in the audit log. */
export async function createUser({
  db = database(),
  input: values,
  actor,
}: {
  db?: Database;
  input: UserCreateValues;
  actor: Actor;
}): Promise<User> {
  const passwordHash = await hashPassword(values.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: values.email, name: values.name || null, passwordHash, role: values.role },
      });
      await recordAudit({
        db: tx,
        actor,
        action: "create",
        entityType: "user",
        entityId: user.id,
        changes: diffFields({}, { email: user.email, name: user.name, role: user.role }),
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(values.email);
    throw error;
  }
}

/** Creates the first admin, only while no user exists (the check and the insert are one transaction). */
export async function createFirstAdmin({
  db = database(),
  input: values,
}: {
  db?: Database;
  input: FirstAdminValues;
}): Promise<User> {
  const passwordHash = await hashPassword(values.password);
  return db.$transaction(async (tx) => {
    // Serialises concurrent set-up attempts: the second one sees the first one's user.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7242001)`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("forbidden", "Set-up is already done: an administrator exists. Sign in instead.");
    }
    const user = await tx.user.create({
      data: { email: values.email, name: values.name || null, passwordHash, role: "admin" },
    });
    await recordAudit({
      db: tx,
      actor: { userId: null, tokenId: null, label: "setup", role: "admin" },
      action: "create",
      entityType: "user",
      entityId: user.id,
      changes: diffFields({}, { email: user.email, name: user.name, role: user.role }),
    });
    return user;
  });
}

function removesAdmin(
  before: User,
  change: { role?: "admin" | "viewer" | undefined; active?: boolean | undefined },
): boolean {
  return before.role === "admin" && before.active && (change.role === "viewer" || change.active === false);
}

/** Refuses to leave no active administrator; the lock makes two admins demoting each other take turns. */
async function assertAnotherActiveAdmin({ tx, id }: { tx: Prisma.TransactionClient; id: number }): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7242002)`;
  const others = await tx.user.count({ where: { role: "admin", active: true, id: { not: id } } });
  if (others === 0) {
    throw new AppError(
      "conflict",
      "This is the last active administrator. Make another user an administrator first, then change this one.",
    );
  }
}

/** How the change arrived: API tokens may not change passwords, and the changer's own session may stay. */
export type ChangeOrigin = { via: "session" | "token"; sessionId?: string | null | undefined };

function wrongCurrentPassword(): AppError {
  const message = "the current password is not right";
  return new AppError("invalid_params", "Enter your current password to change it.", [
    { path: "currentPassword", message },
  ]);
}

/** A new password's hash, after the checks: never through a token, and your own only with the current one. */
async function newPasswordHash({
  before,
  values,
  actor,
  origin,
}: {
  before: User;
  values: { password?: string | undefined; currentPassword?: string | undefined };
  actor: Actor;
  origin: ChangeOrigin | undefined;
}): Promise<string | undefined> {
  if (values.password === undefined) return undefined;
  if (origin?.via === "token")
    throw new AppError(
      "forbidden",
      "A password cannot be changed with an API token. Sign in and change it in the app.",
    );
  if (
    actor.userId === before.id &&
    !(values.currentPassword !== undefined && (await verifyPassword(values.currentPassword, before.passwordHash)))
  )
    throw wrongCurrentPassword();
  return hashPassword(values.password);
}

/**
 * Changes a user's name, password, role or active flag; the audit log never holds the password.
 * A new password ends the user's other sessions (the changer's own stays when it is theirs);
 * deactivation and re-activation end all of them, so an old cookie never comes back to life.
 */
export async function updateUser({
  db = database(),
  id,
  input: values,
  actor,
  origin,
}: {
  db?: Database;
  id: number;
  input: UserUpdateValues;
  actor: Actor;
  origin?: ChangeOrigin;
}): Promise<User> {
  const before = await findUserById({ db, id });
  if (!before) throw new AppError("not_found", `No user with id ${id}.`);
  if (actor.userId === id && (values.role === "viewer" || values.active === false)) {
    throw new AppError("invalid_params", "You cannot demote or deactivate yourself; ask another administrator.");
  }
  const { password, currentPassword: _currentPassword, ...plain } = values;
  const passwordHash = await newPasswordHash({ before, values, actor, origin });
  const updated = await db.$transaction(async (tx) => {
    if (removesAdmin(before, values)) await assertAnotherActiveAdmin({ tx, id });
    const user = await tx.user.update({ where: { id }, data: { ...plain, ...(passwordHash ? { passwordHash } : {}) } });
    const changes = diffFields({ name: before.name, role: before.role, active: before.active }, plain);
    if (password !== undefined) changes.password = { from: "(set)", to: "(changed)" };
    const activeChanged = values.active !== undefined && values.active !== before.active;
    if (passwordHash || activeChanged) {
      const keep = passwordHash && !activeChanged && actor.userId === id ? origin?.sessionId : null;
      const ended = await revokeUserSessions({ db: tx, userId: id, except: keep });
      if (ended > 0) changes.sessions = { from: `${ended} signed in`, to: keep ? "only this one" : "signed out" };
    }
    if (Object.keys(changes).length > 0) {
      await recordAudit({ db: tx, actor, action: "update", entityType: "user", entityId: id, changes });
    }
    return user;
  });
  return updated;
}

/** "Sign out everywhere": ends every session of a user. Yourself, or anyone when you are an admin. */
export async function signOutEverywhere({
  db = database(),
  id,
  actor,
}: {
  db?: Database;
  id: number;
  actor: Actor;
}): Promise<number> {
  if (actor.userId !== id && actor.role !== "admin")
    throw new AppError(
      "forbidden",
      "Only administrators can sign other users out. You can sign yourself out everywhere.",
    );
  const user = await findUserById({ db, id });
  if (!user) throw new AppError("not_found", `No user with id ${id}.`);
  const ended = await db.$transaction(async (tx) => {
    const count = await revokeUserSessions({ db: tx, userId: id });
    await recordAudit({
      db: tx,
      actor,
      action: "sign_out_everywhere",
      entityType: "user",
      entityId: id,
      changes: { sessions: { from: `${count} signed in`, to: "signed out" } },
    });
    return count;
  });
  return ended;
}

export async function recordSignIn({ db = database(), id }: { db?: Database; id: number }): Promise<void> {
  await db.user.update({ where: { id }, data: { lastSignInAt: new Date() } });
}
