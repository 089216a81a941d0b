import type { RequestActor } from "@/lib/auth/request-actor";
import { findRunMessage } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors";
import { runStore } from "@/lib/runs/run-store";

// How long a stop waits for the run to save its aborted message before answering.
const SETTLE_WAIT_MS = 5_000;

/**
 * Stops a run: the provider request is aborted at once and the reply saved `aborted` with what
 * it had. Only the user who started it, or an admin, may stop it.
 */
export async function stopRun({ runId, actor }: { runId: number; actor: RequestActor }): Promise<{ runId: string; stopped: boolean; status: string }> {
  const run = runStore().get(String(runId));
  if (!run) {
    const message = await findRunMessage({ runId });
    if (!message) throw new AppError("not_found", `No run with id ${runId}.`);
    if (message.status === "streaming") throw new AppError("conflict", `Run ${runId} is not streaming on this server instance, so it cannot be stopped here.`);
    return { runId: String(runId), stopped: false, status: message.status };
  }
  if (run.ownerUserId !== actor.userId && actor.role !== "admin") {
    throw new AppError("forbidden", "Only the user who started this run, or an administrator, can stop it.");
  }
  if (run.finished) return { runId: String(runId), stopped: false, status: "finished" };
  run.abort("stop");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([run.whenSettled(), new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_WAIT_MS)))]);
  clearTimeout(timer);
  return { runId: String(runId), stopped: true, status: "aborted" };
}
