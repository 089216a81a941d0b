import type { RequestActor } from "@/lib/auth/request-actor";
import { findRunMessage } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors";
import { runStore } from "@/lib/runs/run-store";

// How long a stop waits for the run to save its aborted message before answering.
const SETTLE_WAIT_MS = 5_000;

type StopResult = { runId: string; stopped: boolean; status: string };

function assertMayStop(ownerUserId: number | null, actor: RequestActor): void {
  if (ownerUserId !== actor.userId && actor.role !== "admin") {
    throw new AppError("forbidden", "Only the user who started this run, or an administrator, can stop it.");
  }
}

/**
 * Stops a run: the provider request is aborted at once and the reply saved `aborted` with what
 * it had — here, or (with Redis) by the instance streaming it. Only the user who started it, or
 * an admin, may stop it.
 */
export async function stopRun({ runId, actor }: { runId: number; actor: RequestActor }): Promise<StopResult> {
  const run = runStore().get(String(runId));
  if (!run) return stopElsewhere({ runId, actor });
  assertMayStop(run.ownerUserId, actor);
  if (run.finished) return { runId: String(runId), stopped: false, status: "finished" };
  run.abort("stop");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([run.whenSettled(), new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_WAIT_MS)))]);
  clearTimeout(timer);
  return { runId: String(runId), stopped: true, status: "aborted" };
}

async function stopElsewhere({ runId, actor }: { runId: number; actor: RequestActor }): Promise<StopResult> {
  const remote = await runStore().findElsewhere(String(runId));
  if (remote) {
    assertMayStop(remote.state.ownerUserId, actor);
    if (remote.state.finished) return { runId: String(runId), stopped: false, status: "finished" };
    const outcome = await remote.stop(SETTLE_WAIT_MS);
    return { runId: String(runId), stopped: outcome === "stopped", status: "aborted" };
  }
  const message = await findRunMessage({ runId });
  if (!message) throw new AppError("not_found", `No run with id ${runId}.`);
  if (message.status === "streaming") throw new AppError("conflict", `Run ${runId} is not streaming on this server instance, so it cannot be stopped here. Set REDIS_URL on every instance to stop runs from any of them.`);
  return { runId: String(runId), stopped: false, status: message.status };
}
