import { database } from "@/lib/db/client";

/** Marks replies left `streaming` by a stopped process as `aborted`, keeping their saved text. */
export async function abortInterruptedRuns(): Promise<number> {
  const result = await database().message.updateMany({
    where: { status: "streaming" },
    data: { status: "aborted", errorCode: "server_restarted", errorMessage: "The server stopped while this reply was streaming.", finishedAt: new Date() },
  });
  return result.count;
}
