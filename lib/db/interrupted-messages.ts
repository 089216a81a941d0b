import { database, type Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/prisma/client";

/**
 * Marks replies still `streaming` whose instance stopped as `aborted`, keeping their saved text.
 * `runIds` limits it to those runs' replies; `exceptRunIds` spares runs another live instance is streaming.
 */
export async function abortInterruptedMessages({
  db = database(),
  runIds,
  exceptRunIds = [],
}: {
  db?: Database;
  runIds?: string[];
  exceptRunIds?: string[];
}): Promise<number> {
  // Spelled out: a reply without a run id is never spared by `NOT IN`.
  const filters: Prisma.MessageWhereInput[] = [];
  if (runIds) filters.push({ runId: { in: runIds } });
  if (exceptRunIds.length > 0) filters.push({ OR: [{ runId: null }, { runId: { notIn: exceptRunIds } }] });
  const result = await db.message.updateMany({
    where: { status: "streaming", AND: filters },
    data: {
      status: "aborted",
      errorCode: "server_restarted",
      errorMessage: "The server stopped while this reply was streaming.",
      finishedAt: new Date(),
    },
  });
  return result.count;
}

/** Run ids of the replies still marked `streaming` (only those started before `startedBefore`, when given). */
export async function listStreamingRunIds({
  db = database(),
  startedBefore,
}: { db?: Database; startedBefore?: Date } = {}): Promise<string[]> {
  const rows = await db.message.findMany({
    where: {
      status: "streaming",
      runId: { not: null },
      ...(startedBefore ? { createdAt: { lt: startedBefore } } : {}),
    },
    select: { runId: true },
  });
  return rows.flatMap((row) => (row.runId === null ? [] : [row.runId]));
}
