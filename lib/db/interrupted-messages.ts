import { database, type Database } from "@/lib/db/client";

/**
 * Marks replies still `streaming` whose instance stopped as `aborted`, keeping their saved text.
 * `ids` limits it to those replies; `exceptIds` spares replies another live instance is streaming.
 */
export async function abortInterruptedMessages({ db = database(), ids, exceptIds = [] }: { db?: Database; ids?: number[]; exceptIds?: number[] }): Promise<number> {
  const result = await db.message.updateMany({
    where: { status: "streaming", id: { ...(ids ? { in: ids } : {}), notIn: exceptIds } },
    data: { status: "aborted", errorCode: "server_restarted", errorMessage: "The server stopped while this reply was streaming.", finishedAt: new Date() },
  });
  return result.count;
}

/** Ids of the replies still marked `streaming` (only those started before `startedBefore`, when given). */
export async function listStreamingMessageIds({ db = database(), startedBefore }: { db?: Database; startedBefore?: Date } = {}): Promise<number[]> {
  const rows = await db.message.findMany({ where: { status: "streaming", ...(startedBefore ? { createdAt: { lt: startedBefore } } : {}) }, select: { id: true } });
  return rows.map((row) => row.id);
}
