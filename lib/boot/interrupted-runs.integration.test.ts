import { beforeAll, describe, expect, it } from "vitest";
import { abortInterruptedRuns } from "@/lib/boot/interrupted-runs";
import type { Database } from "@/lib/db/client";
import { RedisLink } from "@/lib/redis/connection";
import { LiveRun } from "@/lib/runs/live-run";
import { RedisRunStore } from "@/lib/runs/redis-run-store";
import { MemoryRunStore } from "@/lib/runs/run-store";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { redisUnavailableReason, TEST_REDIS_URL, uniqueKeyPrefix } from "@/lib/testing/redis";
import { until } from "@/lib/testing/until";
import { newRunId } from "@/lib/runs/run-id";

const migrated = migratedDatabasePerFile();
let db: Database;

beforeAll(() => {
  db = migrated.db();
});

describe("a restart", () => {
  it("marks replies left streaming as aborted, keeping their text, and touches nothing else", async () => {
    const conversation = await db.conversation.create({
      data: {
        title: "interrupted",
        messages: {
          create: [
            { role: "user", content: "question", status: "complete" },
            { role: "assistant", content: "half an ans", status: "streaming" },
            { role: "assistant", content: "a full answer", status: "complete", completionTokens: 3 },
          ],
        },
      },
    });
    expect(await abortInterruptedRuns()).toBe(1);
    const messages = await db.message.findMany({ where: { conversationId: conversation.id }, orderBy: { id: "asc" } });
    expect(messages.map((message) => [message.status, message.content])).toEqual([
      ["complete", "question"],
      ["aborted", "half an ans"],
      ["complete", "a full answer"],
    ]);
    expect(messages[1]?.errorCode).toBe("server_restarted");
    expect(messages[1]?.completionTokens).toBeNull();
    expect(await abortInterruptedRuns()).toBe(0);
  });
});

const redisMissing = await redisUnavailableReason();

describe.skipIf(redisMissing !== null)("a restart with REDIS_URL", () => {
  it("leaves alone the replies another live instance is streaming", async () => {
    const prefix = uniqueKeyPrefix();
    const link = new RedisLink(TEST_REDIS_URL, prefix);
    const otherInstance = new RedisRunStore(link, new MemoryRunStore(), 30_000, () => Promise.resolve());
    await otherInstance.start();
    try {
      const conversation = await db.conversation.create({
        data: {
          title: "two instances",
          messages: {
            create: [
              { role: "assistant", content: "live", status: "streaming", runId: newRunId() },
              { role: "assistant", content: "orphan", status: "streaming", runId: newRunId() },
            ],
          },
        },
        include: { messages: { orderBy: { id: "asc" } } },
      });
      const [live, orphan] = conversation.messages;
      // Instances know runs by their run id, not by their message id.
      const run = new LiveRun(String(live?.runId), null, 10_000);
      otherInstance.add(run);
      run.publish({ type: "chunk", content: "live", tokens: 1 });
      await until(async () => (await link.client.hGet(`${prefix}run:${run.runId}`, "owner")) !== null);
      Object.assign(process.env, { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix });
      expect(await abortInterruptedRuns()).toBe(1);
      const statuses = await db.message.findMany({
        where: { id: { in: [live?.id ?? 0, orphan?.id ?? 0] } },
        orderBy: { id: "asc" },
        select: { status: true },
      });
      expect(statuses.map((message) => message.status)).toEqual(["streaming", "aborted"]);
    } finally {
      delete process.env.REDIS_URL;
      delete process.env.REDIS_KEY_PREFIX;
      await otherInstance.stop();
      for await (const keys of link.client.scanIterator({ MATCH: `${prefix}*` }))
        if (keys.length > 0) await link.client.del(keys);
      await link.close();
    }
  });
});
