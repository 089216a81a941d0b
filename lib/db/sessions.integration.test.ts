import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/db/actor";
import type { Database } from "@/lib/db/client";
import { createSession, findUserBySession, revokeSession } from "@/lib/db/sessions";
import { createFirstAdmin, createUser, signOutEverywhere, updateUser } from "@/lib/db/users";
import type { User } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { firstAdminSchema, userCreateSchema } from "@/lib/validation/user";

const migrated = migratedDatabasePerFile();
let db: Database;
let admin: Actor;
const HOUR = 3_600_000;

beforeAll(async () => {
  db = migrated.db();
  const user = await createFirstAdmin({
    db,
    input: firstAdminSchema.parse({ email: "admin@sessions.test", password: "admin-password-1" }),
  });
  admin = { userId: user.id, tokenId: null, label: user.email, role: "admin" };
});

const actorOf = (user: User): Actor => ({ userId: user.id, tokenId: null, label: user.email, role: user.role });
const live = async (sessionId: string, user: User, idleMs = 0) =>
  (await findUserBySession({ db, sessionId, userId: user.id, idleMs }))?.user.id ?? null;

async function userWithSessions(email: string, count: number): Promise<{ user: User; sessions: string[] }> {
  const user = await createUser({
    db,
    actor: admin,
    input: userCreateSchema.parse({ email, password: "old-password-123" }),
  });
  const sessions = [];
  for (let index = 0; index < count; index += 1) sessions.push((await createSession({ db, userId: user.id })).id);
  return { user, sessions };
}

describe("a session row", () => {
  it("lets its own user in, until it is revoked, expired or left idle", async () => {
    const { user, sessions } = await userWithSessions("row@sessions.test", 3);
    const [revoked = "", expired = "", idle = ""] = sessions;
    expect(await live(revoked, user)).toBe(user.id);
    // A cookie naming someone else's session is refused.
    expect(await findUserBySession({ db, sessionId: revoked, userId: admin.userId ?? 0, idleMs: 0 })).toBeNull();
    await revokeSession({ db, sessionId: revoked });
    expect(await live(revoked, user)).toBeNull();
    await db.session.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await live(expired, user)).toBeNull();
    await db.session.update({ where: { id: idle }, data: { lastSeenAt: new Date(Date.now() - 2 * HOUR) } });
    expect(await live(idle, user, 3 * HOUR)).toBe(user.id);
    await db.session.update({ where: { id: idle }, data: { lastSeenAt: new Date(Date.now() - 2 * HOUR) } });
    expect(await live(idle, user, HOUR)).toBeNull();
    expect(await live("no-such-session", user)).toBeNull();
  });

  it("lasts 12 hours from sign-in at most, and a use moves last-seen forward", async () => {
    const { user, sessions } = await userWithSessions("lifetime@sessions.test", 1);
    const row = await db.session.findUniqueOrThrow({ where: { id: sessions[0] ?? "" } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(12 * HOUR);
    await db.session.update({ where: { id: row.id }, data: { lastSeenAt: new Date(Date.now() - 10 * 60_000) } });
    await live(row.id, user, HOUR);
    expect(
      Date.now() - (await db.session.findUniqueOrThrow({ where: { id: row.id } })).lastSeenAt.getTime(),
    ).toBeLessThan(5_000);
  });
});

describe("ending sessions", () => {
  it("a password reset by an admin ends all of the user's sessions", async () => {
    const { user, sessions } = await userWithSessions("reset@sessions.test", 2);
    await updateUser({
      db,
      actor: admin,
      id: user.id,
      input: { password: "reset-password-456" },
      origin: { via: "session", sessionId: "the-admins-own" },
    });
    for (const session of sessions) expect(await live(session, user)).toBeNull();
    const entry = await db.auditLog.findFirstOrThrow({
      where: { entityType: "user", entityId: String(user.id), action: "user.update" },
      orderBy: { id: "desc" },
    });
    expect(entry.changes).toMatchObject({
      password: { to: "(changed)" },
      sessions: { from: "2 signed in", to: "signed out" },
    });
  });

  it("your own password change needs the current password, keeps this session and ends the others", async () => {
    const { user, sessions } = await userWithSessions("self@sessions.test", 3);
    const [mine = "", ...others] = sessions;
    const self = actorOf(user);
    const missing = await updateUser({
      db,
      actor: self,
      id: user.id,
      input: { password: "new-password-789" },
      origin: { via: "session", sessionId: mine },
    }).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(AppError);
    expect((missing as AppError).issues?.[0]?.path).toBe("currentPassword");
    const wrong = await updateUser({
      db,
      actor: self,
      id: user.id,
      input: { password: "new-password-789", currentPassword: "not-it-at-all" },
      origin: { via: "session", sessionId: mine },
    }).catch((caught: unknown) => caught);
    expect((wrong as AppError).code).toBe("invalid_params");
    for (const session of sessions) expect(await live(session, user)).toBe(user.id);

    await updateUser({
      db,
      actor: self,
      id: user.id,
      input: { password: "new-password-789", currentPassword: "old-password-123" },
      origin: { via: "session", sessionId: mine },
    });
    expect(await live(mine, user)).toBe(user.id);
    for (const session of others) expect(await live(session, user)).toBeNull();
  });

  it("a password cannot be changed through an API token, not even with the current one", async () => {
    const { user, sessions } = await userWithSessions("token-change@sessions.test", 1);
    const refused = await updateUser({
      db,
      actor: admin,
      id: user.id,
      input: { password: "token-set-pass-1" },
      origin: { via: "token" },
    }).catch((caught: unknown) => caught);
    expect((refused as AppError).code).toBe("forbidden");
    const own = await updateUser({
      db,
      actor: actorOf(user),
      id: user.id,
      input: { password: "token-set-pass-1", currentPassword: "old-password-123" },
      origin: { via: "token" },
    }).catch((caught: unknown) => caught);
    expect((own as AppError).code).toBe("forbidden");
    expect(await live(sessions[0] ?? "", user)).toBe(user.id);
  });

  it("deactivation ends every session, and re-activation does not bring one back", async () => {
    const { user, sessions } = await userWithSessions("reactivated@sessions.test", 2);
    await updateUser({ db, actor: admin, id: user.id, input: { active: false } });
    await updateUser({ db, actor: admin, id: user.id, input: { active: true } });
    const active = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    for (const session of sessions) expect(await live(session, active)).toBeNull();
    const fresh = await createSession({ db, userId: user.id });
    expect(await live(fresh.id, active)).toBe(user.id);
  });

  it("sign out everywhere: yourself, or anyone for an admin; a viewer cannot sign others out", async () => {
    const { user, sessions } = await userWithSessions("everywhere@sessions.test", 2);
    const { user: bystander, sessions: theirs } = await userWithSessions("bystander@sessions.test", 1);
    const refused = await signOutEverywhere({ db, actor: actorOf(user), id: bystander.id }).catch(
      (caught: unknown) => caught,
    );
    expect((refused as AppError).code).toBe("forbidden");
    expect(await live(theirs[0] ?? "", bystander)).toBe(bystander.id);

    expect(await signOutEverywhere({ db, actor: actorOf(user), id: user.id })).toBe(2);
    for (const session of sessions) expect(await live(session, user)).toBeNull();
    expect(await signOutEverywhere({ db, actor: admin, id: bystander.id })).toBe(1);
    expect(await live(theirs[0] ?? "", bystander)).toBeNull();
    const actions = await db.auditLog.findMany({ where: { action: "user.sign_out_everywhere" } });
    expect(actions.map((entry) => [entry.entityId, entry.actorLabel])).toEqual([
      [String(user.id), user.email],
      [String(bystander.id), admin.label],
    ]);
  });
});
