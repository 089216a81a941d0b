import { abortInterruptedMessages, listStreamingRunIds } from "@/lib/db/interrupted-messages";
import { RedisLink } from "@/lib/redis/connection";
import { redisEnv } from "@/lib/env";
import { MemoryRunStore, FINISHED_RUN_LINGER_MS } from "@/lib/runs/run-store";
import { RedisRunStore } from "@/lib/runs/redis-run-store";

/**
 * Marks replies left `streaming` by a stopped process as `aborted`, keeping their saved text.
 * With REDIS_URL, replies that another live instance is still streaming are left alone.
 */
export async function abortInterruptedRuns(): Promise<number> {
  const settings = redisEnv();
  if (!settings) return abortInterruptedMessages({});
  // Only the replies streaming now: one another instance starts meanwhile is never touched.
  const runIds = await listStreamingRunIds();
  if (runIds.length === 0) return 0;
  const link = new RedisLink(settings.url, settings.keyPrefix);
  try {
    const store = new RedisRunStore(link, new MemoryRunStore(), FINISHED_RUN_LINGER_MS, () => Promise.resolve());
    // connect() also resolves when the first attempt failed: the link's own state says which.
    const connected = await Promise.race([
      link.connect().then(() => link.up),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000).unref()),
    ]);
    if (!connected) {
      console.warn(
        "redis is unreachable: replies left streaming are marked aborted without asking the other instances",
      );
      return abortInterruptedMessages({ runIds });
    }
    const live = await store.ownedByLiveInstances(runIds);
    return abortInterruptedMessages({ runIds, exceptRunIds: [...live] });
  } finally {
    await link.close();
  }
}
