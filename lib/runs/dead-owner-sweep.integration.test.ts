import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisLink } from "@/lib/redis/connection";
import { LiveRun } from "@/lib/runs/live-run";
import { instanceKey, runKeys } from "@/lib/runs/redis-run-protocol";
import { RedisRunStore } from "@/lib/runs/redis-run-store";
import { newRunId } from "@/lib/runs/run-id";
import { MemoryRunStore, sweepDeadOwners } from "@/lib/runs/run-store";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { redisUnavailableReason, TEST_REDIS_URL, uniqueKeyPrefix } from "@/lib/testing/redis";
import { until } from "@/lib/testing/until";

// Replies left `streaming` by an instance that died for good are found by the instances still
// alive and marked aborted; replies of live instances, and ones too young to judge, are not.
const migrated = migratedDatabasePerFile();
const redisMissing = await redisUnavailableReason();
const prefix = uniqueKeyPrefix();
let link: RedisLink;
let store: RedisRunStore;

beforeAll(async () => {
  if (redisMissing) return;
  link = new RedisLink(TEST_REDIS_URL, prefix);
  store = new RedisRunStore(link, new MemoryRunStore(), 30_000, () => Promise.resolve());
  await store.start();
});

afterAll(async () => {
  if (redisMissing) return;
  await store.stop();
  for await (const keys of link.client.scanIterator({ MATCH: `${prefix}*` }))
    if (keys.length > 0) await link.client.del(keys);
  await link.close();
});

describe.skipIf(redisMissing !== null)("the sweep for runs of stopped instances", () => {
  it("aborts only the replies whose owner is gone, twice in a row, and leaves young ones alone", async () => {
    const db = migrated.db();
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    const conversation = await db.conversation.create({
      data: {
        title: "sweep",
        messages: {
          create: ["live", "dead owner", "never announced", "blipped owner"]
            .map((content) => ({
              role: "assistant" as const,
              content,
              status: "streaming" as const,
              createdAt: twoMinutesAgo,
              runId: newRunId(),
            }))
            .concat([
              {
                role: "assistant",
                content: "just started",
                status: "streaming",
                createdAt: new Date(),
                runId: newRunId(),
              },
            ]),
        },
      },
      include: { messages: { orderBy: { id: "asc" } } },
    });
    // Runs are named by their run id (random), not by their message id.
    const id = (content: string) => String(conversation.messages.find((message) => message.content === content)?.runId);

    const live = new LiveRun(id("live"), null, 10_000);
    store.add(live);
    live.publish({ type: "chunk", content: "live", tokens: 1 });
    await until(async () => (await link.client.hGet(runKeys(link, live.runId).meta, "owner")) !== null);
    await link.client.hSet(runKeys(link, id("dead owner")).meta, {
      owner: "instance-that-died",
      user: "",
      finished: "0",
    });
    // Its key lapsed (a Redis outage, say) and comes back within the recheck.
    await link.client.hSet(runKeys(link, id("blipped owner")).meta, {
      owner: "instance-that-blipped",
      user: "",
      finished: "0",
    });
    setTimeout(() => void link.client.set(instanceKey(link, "instance-that-blipped"), "1", { PX: 10_000 }), 100);

    expect(await sweepDeadOwners(store, { db, recheckMs: 400 })).toBe(2);
    const messages = await db.message.findMany({ where: { conversationId: conversation.id }, orderBy: { id: "asc" } });
    expect(messages.map((message) => [message.content, message.status, message.errorCode])).toEqual([
      ["live", "streaming", null],
      ["dead owner", "aborted", "server_restarted"],
      ["never announced", "aborted", "server_restarted"],
      ["blipped owner", "streaming", null],
      ["just started", "streaming", null],
    ]);
    expect(await sweepDeadOwners(store, { db, recheckMs: 0 })).toBe(0);
  });
});
