import { maySeeConversation, type Principal } from "@/lib/auth/policy";
import { findRunMessage } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors";
import { isRunId } from "@/lib/runs/run-id";
import { runStore } from "@/lib/runs/run-store";

// How long a stop waits for the run to save its aborted message before answering.
const SETTLE_WAIT_MS = 5_000;

type StopResult = { runId: string; stopped: boolean; status: string };

// The same answer for a run that does not exist and one the caller may not see: no oracle.
function noSuchRun(): AppError {
  return new AppError("not_found", "No run with this id. Run ids come from the stream's start event.");
}

function assertMayStop(ownerUserId: number | null, actor: Principal): void {
  if (!maySeeConversation(actor, { createdById: ownerUserId })) throw noSuchRun();
}

/**
 * Stops a run: the provider request is aborted at once and the reply saved `aborted` with what
 * it had — here, or (with Redis) by the instance streaming it. Only the conversation's creator,
 * or an admin, may stop it (lib/auth/policy.ts); anyone else gets the 404 of an unknown run.
 */
export async function stopRun({ runId, actor }: { runId: string; actor: Principal }): Promise<StopResult> {
  if (!isRunId(runId)) throw noSuchRun();
  const run = runStore().get(runId);
  if (!run) return stopElsewhere({ runId, actor });
  assertMayStop(run.ownerUserId, actor);
  if (run.finished) return { runId, stopped: false, status: "finished" };
  run.abort("stop");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([run.whenSettled(), new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_WAIT_MS)))]);
  clearTimeout(timer);
  return { runId, stopped: true, status: "aborted" };
}

async function stopElsewhere({ runId, actor }: { runId: string; actor: Principal }): Promise<StopResult> {
  const remote = await runStore().findElsewhere(runId);
  if (remote) {
    assertMayStop(remote.state.ownerUserId, actor);
    if (remote.state.finished) return { runId, stopped: false, status: "finished" };
    const outcome = await remote.stop(SETTLE_WAIT_MS);
    return { runId, stopped: outcome === "stopped", status: "aborted" };
  }
  const message = await findRunMessage({ runId });
  if (!message) throw noSuchRun();
  assertMayStop(message.conversation.createdById, actor);
  if (message.status === "streaming")
    throw new AppError(
      "conflict",
      "This run is not streaming on this server instance, so it cannot be stopped here. Set REDIS_URL on every instance to stop runs from any of them.",
    );
  return { runId, stopped: false, status: message.status };
}
