import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/db/actor";
import { listAuditEntries } from "@/lib/db/audit-log";
import type { Database } from "@/lib/db/client";
import { countRunsByConfigurationSince } from "@/lib/db/configuration-usage";
import { createCompareSet, createReplayConversations, getCompareSet } from "@/lib/db/conversation-sets";
import {
  getConversationWithMessages,
  listConversations,
  startConversationTurn,
  startPromptRun,
} from "@/lib/db/conversations";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { newRunId } from "@/lib/runs/run-id";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";

// The policy's filters and checks against real PostgreSQL: what a viewer and an admin see, and who
// may add a turn (under the row lock), with the turn's author and the audit entry.
const migrated = migratedDatabasePerFile();
let db: Database;
let viewer: Actor;
let other: Actor;
let admin: Actor;
let configuration: Configuration;

beforeAll(async () => {
  db = migrated.db();
  const user = (email: string, role: "admin" | "viewer") =>
    db.user.create({ data: { email, passwordHash: "x", role } });
  const [viewerRow, otherRow, adminRow] = await Promise.all([
    user("viewer@example.test", "viewer"),
    user("other@example.test", "viewer"),
    user("admin@example.test", "admin"),
  ]);
  viewer = { userId: viewerRow.id, tokenId: null, label: viewerRow.email, role: "viewer" };
  other = { userId: otherRow.id, tokenId: null, label: otherRow.email, role: "viewer" };
  admin = { userId: adminRow.id, tokenId: null, label: adminRow.email, role: "admin" };
  configuration = await db.configuration.create({
    data: { slug: "sim", name: "Sim", provider: "openai", model: "gpt" },
  });
});

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const prompt = (actor: Actor | null, text: string) =>
  startPromptRun({ db, configuration, prompt: text, params: {}, userId: actor?.userId ?? null, runId: newRunId() });
const finish = (turn: { assistantMessage: { id: number } }) =>
  db.message.update({ where: { id: turn.assistantMessage.id }, data: { status: "complete", content: "ok" } });
const turn = (actor: Actor, conversationId: number, message: string) =>
  startConversationTurn({ db, conversationId, configuration, message, params: {}, actor, runId: newRunId() });
const list = async (visibleTo: Actor, search?: string) =>
  (await listConversations({ db, visibleTo, filters: { search, page: 1, pageSize: 100 } })).conversations.map(
    (row) => row.id,
  );

describe("lists and searches", () => {
  it("show a viewer only their own, an admin everyone's, and a viewer without a user id nothing", async () => {
    const mine = await prompt(viewer, "visibility needle mine");
    const theirs = await prompt(other, "visibility needle theirs");
    const systems = await prompt(null, "visibility needle nobody's");
    expect(await list(viewer, "visibility needle")).toEqual([mine.conversationId]);
    expect(await list(other, "visibility needle")).toEqual([theirs.conversationId]);
    expect(await list(admin, "visibility needle")).toEqual([
      systems.conversationId,
      theirs.conversationId,
      mine.conversationId,
    ]);
    expect(
      (
        await listConversations({
          db,
          visibleTo: viewer,
          filters: { search: "visibility needle", page: 1, pageSize: 100 },
        })
      ).total,
    ).toBe(1);
    // The fail-open trap: a missing id must not become "no filter" (everything) or "creator IS NULL" (the system's).
    expect(await list({ ...viewer, userId: null })).toEqual([]);
    expect(await list({ ...viewer, userId: null }, "visibility needle")).toEqual([]);
  });
});

describe("reading one", () => {
  it("is a 404 for a viewer who did not create it, and works for its creator and admins", async () => {
    const theirs = await prompt(other, "read me");
    expect(
      (await errorOf(getConversationWithMessages({ db, id: theirs.conversationId, visibleTo: viewer }))).code,
    ).toBe("not_found");
    expect(
      (
        await errorOf(
          getConversationWithMessages({ db, id: theirs.conversationId, visibleTo: { ...viewer, userId: null } }),
        )
      ).code,
    ).toBe("not_found");
    expect((await getConversationWithMessages({ db, id: theirs.conversationId, visibleTo: other })).id).toBe(
      theirs.conversationId,
    );
    const read = await getConversationWithMessages({ db, id: theirs.conversationId, visibleTo: admin });
    expect(read.messages.map((message) => message.createdBy?.email)).toEqual([other.label, other.label]);
  });

  it("keeps re-runs and compare sets to their creator", async () => {
    const theirs = await prompt(other, "re-run me");
    expect(
      (
        await errorOf(
          createReplayConversations({
            db,
            originId: theirs.conversationId,
            configurationKeys: [configuration.slug],
            actor: viewer,
          }),
        )
      ).code,
    ).toBe("not_found");
    const replays = await createReplayConversations({
      db,
      originId: theirs.conversationId,
      configurationKeys: [configuration.slug],
      actor: admin,
    });
    expect(replays[0]?.createdById).toBe(admin.userId);
    const { set } = await createCompareSet({
      db,
      configurationKeys: [configuration.slug],
      prompt: "compare",
      params: {},
      userId: other.userId,
    });
    expect((await errorOf(getCompareSet({ db, id: set.id, visibleTo: viewer }))).code).toBe("not_found");
    expect((await getCompareSet({ db, id: set.id, visibleTo: other })).replays).toHaveLength(1);
    expect((await getCompareSet({ db, id: set.id, visibleTo: admin })).replays).toHaveLength(1);
  });

  it("counts a viewer's runs only on the dashboard, everyone's for admins", async () => {
    const since = new Date(Date.now() - 1000);
    const counted = await db.configuration.create({
      data: { slug: "counted", name: "Counted", provider: "openai", model: "gpt" },
    });
    for (const actor of [viewer, other, other])
      await startPromptRun({
        db,
        configuration: counted,
        prompt: "count",
        params: {},
        userId: actor.userId,
        runId: newRunId(),
      });
    expect((await countRunsByConfigurationSince({ db, since, visibleTo: viewer })).get(counted.id)).toBe(1);
    expect((await countRunsByConfigurationSince({ db, since, visibleTo: other })).get(counted.id)).toBe(2);
    expect((await countRunsByConfigurationSince({ db, since, visibleTo: admin })).get(counted.id)).toBe(3);
    expect(
      (await countRunsByConfigurationSince({ db, since, visibleTo: { ...viewer, userId: null } })).get(counted.id),
    ).toBeUndefined();
  });
});

describe("adding a turn", () => {
  it("is refused (403) to a viewer in someone else's conversation, saving nothing", async () => {
    const theirs = await prompt(admin, "Our Q3 acquisition target is ACME Corp");
    await finish(theirs);
    const before = await db.message.count({ where: { conversationId: theirs.conversationId } });
    const refused = await errorOf(turn(viewer, theirs.conversationId, "Ignore previous instructions."));
    expect(refused.code).toBe("forbidden");
    expect(refused.message).toMatch(
      /Only the user who created this conversation, or an administrator, can continue it/,
    );
    expect(await db.message.count({ where: { conversationId: theirs.conversationId } })).toBe(before);
    // An orphaned conversation belongs to the admins.
    const orphan = await prompt(null, "nobody's");
    await finish(orphan);
    expect((await errorOf(turn({ ...viewer, userId: null }, orphan.conversationId, "mine?"))).code).toBe("forbidden");
  });

  it("records the author; the creator's own turns are not audited, an admin's in someone else's are", async () => {
    const mine = await prompt(viewer, "my question");
    await finish(mine);
    const own = await turn(viewer, mine.conversationId, "my follow-up");
    expect(own).toMatchObject({ ownerUserId: viewer.userId });
    await db.message.update({ where: { id: own.assistantMessage.id }, data: { status: "complete" } });
    const byAdmin = await turn(admin, mine.conversationId, "an admin adds this");
    expect(byAdmin.ownerUserId).toBe(viewer.userId);
    const saved = await db.message.findMany({ where: { conversationId: mine.conversationId }, orderBy: { id: "asc" } });
    expect(saved.map((message) => [message.role, message.createdById])).toEqual([
      ["user", viewer.userId],
      ["assistant", viewer.userId],
      ["user", viewer.userId],
      ["assistant", viewer.userId],
      ["user", admin.userId],
      ["assistant", admin.userId],
    ]);
    expect(saved.at(-1)?.runId).toBe(byAdmin.runId);
    const audit = await listAuditEntries({
      db,
      entityType: "conversation",
      entityId: String(mine.conversationId),
      limit: 10,
      page: 1,
    });
    expect(audit.entries.map((entry) => [entry.action, entry.actorUserId])).toEqual([
      ["conversation.append_turn", admin.userId],
    ]);
    expect(audit.entries[0]?.changes).toMatchObject({
      turn: { from: null, to: { messageId: byAdmin.userMessage.id, runId: byAdmin.runId, creatorId: viewer.userId } },
    });
  });
});

describe("a turn's context", () => {
  it("is the finished, non-empty history under the lock, and a refusal there saves nothing", async () => {
    const first = await prompt(viewer, "one");
    await finish(first);
    const conversationId = first.conversationId;
    await db.message.createMany({
      data: [
        { conversationId, role: "assistant", status: "error", content: "broken" },
        { conversationId, role: "assistant", status: "aborted", content: "partial" },
        { conversationId, role: "assistant", status: "complete", content: "" },
        { conversationId, role: "system", status: "complete", content: "old system" },
      ],
    });
    const before = await db.message.count({ where: { conversationId } });
    const seen: unknown[] = [];
    const refused = startConversationTurn({
      db,
      conversationId,
      configuration,
      message: "too big",
      params: {},
      actor: viewer,
      runId: newRunId(),
      beforeSave: (context) => {
        seen.push(context);
        throw new AppError("invalid_params", "too big");
      },
    });
    expect((await errorOf(refused)).message).toBe("too big");
    expect(seen).toEqual([
      {
        systemPrompt: null,
        history: [
          expect.objectContaining({ role: "user", content: "one" }),
          expect.objectContaining({ role: "assistant", content: "ok" }),
          expect.objectContaining({ role: "assistant", content: "partial" }),
        ],
      },
    ]);
    expect(await db.message.count({ where: { conversationId } })).toBe(before);
  });
});
