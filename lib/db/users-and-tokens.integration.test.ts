import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/db/actor";
import { createApiToken, findUserByApiToken, listApiTokens, revokeApiToken } from "@/lib/db/api-tokens";
import { listAuditActions, listAuditEntries } from "@/lib/db/audit-log";
import type { Database } from "@/lib/db/client";
import { countUsers, createFirstAdmin, createUser, updateUser } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { parseOrThrow } from "@/lib/validation/issues";
import { apiTokenCreateSchema } from "@/lib/validation/api-token";
import { firstAdminSchema, userCreateSchema } from "@/lib/validation/user";

const migrated = migratedDatabasePerFile();
let db: Database;
let admin: Actor;

beforeAll(() => {
  db = migrated.db();
});

describe("first administrator", () => {
  it("is created once even when two set-ups race, and never stores the password", async () => {
    const attempts = await Promise.allSettled([
      createFirstAdmin({
        db,
        input: firstAdminSchema.parse({ email: "First@Example.test", password: "first-password-1" }),
      }),
      createFirstAdmin({
        db,
        input: firstAdminSchema.parse({ email: "second@example.test", password: "second-password-2" }),
      }),
    ]);
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
    const refused = attempts.find((attempt) => attempt.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason instanceof AppError && refused.reason.code).toBe(
      "forbidden",
    );
    expect(await countUsers({ db })).toBe(1);
    const user = await db.user.findFirstOrThrow();
    expect(user.role).toBe("admin");
    expect(user.passwordHash).not.toContain("password");
    expect(
      await verifyPassword(
        user.email === "first@example.test" ? "first-password-1" : "second-password-2",
        user.passwordHash,
      ),
    ).toBe(true);
    admin = { userId: user.id, tokenId: null, label: user.email, role: "admin" };
  });

  it("refuses a short password with a field message", () => {
    // Routes parse with the schema before lib/db sees the input.
    let error: unknown;
    try {
      parseOrThrow(userCreateSchema, { email: "short@example.test", password: "short" }, "user");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).issues?.[0]).toMatchObject({ path: "password" });
  });
});

describe("users", () => {
  it("creates viewers, refuses duplicate emails, and audits role changes without passwords", async () => {
    const viewer = await createUser({
      db,
      actor: admin,
      input: userCreateSchema.parse({ email: "viewer@example.test", password: "viewer-password-1" }),
    });
    expect(viewer.role).toBe("viewer");
    const duplicate = await createUser({
      db,
      actor: admin,
      input: userCreateSchema.parse({ email: "VIEWER@example.test", password: "viewer-password-1" }),
    }).catch((caught: unknown) => caught);
    expect((duplicate as AppError).code).toBe("invalid_params");
    expect((duplicate as AppError).issues?.[0]?.path).toBe("email");
    await updateUser({ db, actor: admin, id: viewer.id, input: { role: "admin", password: "new-password-12345" } });
    const entry = await db.auditLog.findFirstOrThrow({
      where: { entityType: "user", entityId: String(viewer.id), action: "user.update" },
    });
    expect(entry.changes).toEqual({
      role: { from: "viewer", to: "admin" },
      password: { from: "(set)", to: "(changed)" },
    });
    expect(JSON.stringify(entry)).not.toContain("new-password");
  });

  it("does not let an admin demote or deactivate themselves", async () => {
    const error = await updateUser({ db, actor: admin, id: admin.userId ?? 0, input: { active: false } }).catch(
      (caught: unknown) => caught,
    );
    expect((error as AppError).code).toBe("invalid_params");
  });
});

describe("API tokens", () => {
  it("authenticate until revoked, are stored hashed, and are audited without their value", async () => {
    const { token, record } = await createApiToken({
      db,
      actor: admin,
      input: apiTokenCreateSchema.parse({ name: "CI script" }),
    });
    expect(record.tokenHash).not.toBe(token);
    expect(JSON.stringify(await db.apiToken.findMany())).not.toContain(token);
    const found = await findUserByApiToken({ db, token });
    expect(found?.user.id).toBe(admin.userId);
    expect(found?.tokenId).toBe(record.id);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt).not.toBeNull();

    expect(await findUserByApiToken({ db, token: `${token}x` })).toBeNull();
    expect(await findUserByApiToken({ db, token: "not-a-token" })).toBeNull();

    await revokeApiToken({ db, actor: admin, id: record.id });
    expect(await findUserByApiToken({ db, token })).toBeNull();
    const audit = await db.auditLog.findMany({
      where: { entityType: "api_token", entityId: String(record.id) },
      orderBy: { id: "asc" },
    });
    expect(audit.map((entry) => entry.action)).toEqual(["api_token.create", "api_token.revoke"]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect((await listApiTokens({ db }))[0]?.revokedAt).not.toBeNull();
  });

  it("stop working when expired or when their user is deactivated", async () => {
    const viewer = await createUser({
      db,
      actor: admin,
      input: userCreateSchema.parse({ email: "bot@example.test", password: "bot-password-123" }),
    });
    const viewerActor: Actor = { userId: viewer.id, tokenId: null, label: viewer.email, role: "viewer" };
    const { token, record } = await createApiToken({
      db,
      actor: viewerActor,
      input: apiTokenCreateSchema.parse({ name: "bot" }),
    });
    expect((await findUserByApiToken({ db, token }))?.user.email).toBe("bot@example.test");
    await updateUser({ db, actor: admin, id: viewer.id, input: { active: false } });
    expect(await findUserByApiToken({ db, token })).toBeNull();
    await updateUser({ db, actor: admin, id: viewer.id, input: { active: true } });
    await db.apiToken.update({ where: { id: record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findUserByApiToken({ db, token })).toBeNull();
  });
});

describe("API tokens belong to their creator", () => {
  it("refuses to mint a token for another user, and names the token in the audit label's source", async () => {
    const other = await createUser({
      db,
      actor: admin,
      input: userCreateSchema.parse({
        email: "victim-admin@example.test",
        password: "victim-password-1",
        role: "admin",
      }),
    });
    let refused: unknown;
    try {
      parseOrThrow(apiTokenCreateSchema, { name: "innocent", userId: other.id }, "API token");
    } catch (caught) {
      refused = caught;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("invalid_params");
    expect(await db.apiToken.count({ where: { userId: other.id } })).toBe(0);
    const { token, record } = await createApiToken({
      db,
      actor: admin,
      input: apiTokenCreateSchema.parse({ name: "nightly", scope: "read" }),
    });
    expect(record.userId).toBe(admin.userId);
    const found = await findUserByApiToken({ db, token });
    expect(found?.token).toEqual({ name: "nightly", scope: "read" });
  });

  it("expire after 90 days unless told otherwise; never only when asked for with null", async () => {
    const byDefault = await createApiToken({
      db,
      actor: admin,
      input: apiTokenCreateSchema.parse({ name: "default expiry" }),
    });
    const days = ((byDefault.record.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    expect(byDefault.record.scope).toBe("full");
    const never = await createApiToken({
      db,
      actor: admin,
      input: apiTokenCreateSchema.parse({ name: "forever", expiresInDays: null }),
    });
    expect(never.record.expiresAt).toBeNull();
    const week = await createApiToken({
      db,
      actor: admin,
      input: apiTokenCreateSchema.parse({ name: "a week", expiresInDays: 7 }),
    });
    expect(Math.round(((week.record.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000)).toBe(7);
    const entry = await db.auditLog.findFirstOrThrow({
      where: { entityType: "api_token", entityId: String(never.record.id) },
    });
    expect(entry.changes).toMatchObject({ scope: { to: "full" }, expiresAt: { to: null }, user: { to: admin.label } });
  });
});

describe("the last active administrator", () => {
  it("cannot be demoted or deactivated, even when two admins demote each other at once", async () => {
    const second = await createUser({
      db,
      actor: admin,
      input: userCreateSchema.parse({
        email: "second-admin@example.test",
        password: "second-admin-pw-1",
        role: "admin",
      }),
    });
    const secondActor: Actor = { userId: second.id, tokenId: null, label: second.email, role: "admin" };
    // Exactly two active admins: an earlier test promoted a viewer.
    await db.user.updateMany({
      where: { role: "admin", id: { notIn: [admin.userId ?? 0, second.id] } },
      data: { role: "viewer" },
    });
    const results = await Promise.allSettled([
      updateUser({ db, actor: secondActor, id: admin.userId ?? 0, input: { role: "viewer" } }),
      updateUser({ db, actor: admin, id: second.id, input: { active: false } }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason instanceof AppError && refused.reason.code).toBe(
      "conflict",
    );
    expect(await db.user.count({ where: { role: "admin", active: true } })).toBe(1);
    // Whoever is left, the system actor (a command) cannot remove them either.
    const last = await db.user.findFirstOrThrow({ where: { role: "admin", active: true } });
    const error = await updateUser({
      db,
      actor: { userId: null, tokenId: null, label: "system", role: "admin" },
      id: last.id,
      input: { active: false },
    }).catch((caught: unknown) => caught);
    expect((error as AppError).status).toBe(409);
    expect((error as AppError).message).toMatch(/last active administrator/);
  });
});

describe("audit log listing", () => {
  it("filters by entity, actor, action and time, and pages with a total", async () => {
    const all = await listAuditEntries({ db, limit: 500 });
    expect(all.total).toBe(all.entries.length);
    expect(all.total).toBeGreaterThan(5);

    const tokens = await listAuditEntries({ db, entityType: "api_token" });
    expect(tokens.entries.length).toBeGreaterThan(0);
    expect(tokens.entries.every((entry) => entry.entityType === "api_token")).toBe(true);

    const revokes = await listAuditEntries({ db, action: "revoke" });
    expect(revokes.entries.map((entry) => entry.action)).toEqual(["api_token.revoke"]);
    expect(
      (await listAuditEntries({ db, action: "user.update" })).entries.every((entry) => entry.action === "user.update"),
    ).toBe(true);

    const bySetup = await listAuditEntries({ db, actor: "SETUP" });
    expect(bySetup.entries).toHaveLength(1);
    expect(bySetup.entries[0]?.actorLabel).toBe("setup");

    const first = await listAuditEntries({ db, limit: 2, page: 1 });
    const second = await listAuditEntries({ db, limit: 2, page: 2 });
    expect(first.total).toBe(all.total);
    expect(first.entries.map((entry) => entry.id)).toEqual(all.entries.slice(0, 2).map((entry) => entry.id));
    expect(second.entries.map((entry) => entry.id)).toEqual(all.entries.slice(2, 4).map((entry) => entry.id));

    const newest = all.entries[0]?.createdAt ?? new Date();
    expect((await listAuditEntries({ db, from: new Date(newest.getTime() + 1) })).total).toBe(0);
    expect((await listAuditEntries({ db, to: newest })).total).toBe(
      all.entries.filter((entry) => entry.createdAt < newest).length,
    );

    expect(await listAuditActions({ db })).toEqual([...new Set(all.entries.map((entry) => entry.action))].sort());
  });
});
