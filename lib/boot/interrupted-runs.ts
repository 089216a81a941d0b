import { abortInterruptedMessages, listStreamingMessageIds } from "@/lib/db/interrupted-messages";
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
  const link = new RedisLink(settings.url, settings.keyPrefix);
  try {
    const ids = await listStreamingMessageIds();
    const store = new RedisRunStore(link, new MemoryRunStore(), FINISHED_RUN_LINGER_MS, () => Promise.resolve());
    const connected = await Promise.race([link.connect().then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000).unref())]);
    if (!connected) {
      console.warn("redis is unreachable: replies left streaming are marked aborted without asking the other instances");
      return abortInterruptedMessages({});
    }
    const live = await store.ownedByLiveInstances(ids.map(String));
    return abortInterruptedMessages({ ids, exceptIds: [...live].map(Number) });
  } finally {
    await link.close();
  }
}
