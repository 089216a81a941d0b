// The crash test: N live streams, the server killed with SIGKILL while they stream, the app
// started again on the same database. Those runs must end `aborted` with the text saved up to
// the last flush (a prefix of what their client saw), and every other row must be untouched.
import { pidListeningOn } from "../proc";
import { longTokens } from "../../lib/simulator/reply";
import { waitForApp, type AppStack } from "../../e2e/support/app-stack";
import { FAULT_PROVIDERS } from "../../e2e/support/fault-matrix";
import { SAVE_INTERVAL_MS } from "../../lib/runs/partial-saves";
import { simulatorConfiguration, streamRun, type Stream } from "./client";
import { fingerprint, savedRuns } from "./records";

export type Check = { name: string; ok: boolean; detail: string };

// 2,000 tokens at 50 ms: each stream lasts ~100 s, far longer than the wait before the kill even
// when starting 50 streams takes a while on a busy machine.
const TOKENS = 2000;
const SCENARIO = `slow-50+long-${TOKENS}`;

export async function crashTest({
  stack,
  appPort,
  token,
  streams,
  log,
}: {
  stack: AppStack;
  appPort: number;
  token: string;
  streams: number;
  log: (message: string) => void;
}): Promise<{ checks: Check[]; figures: Record<string, number> }> {
  const slugs = await Promise.all(
    FAULT_PROVIDERS.map((provider) =>
      simulatorConfiguration(stack.appUrl, token, stack.simulatorUrl, provider, SCENARIO),
    ),
  );
  const live: Array<Promise<Stream & { prompt: string }>> = [];
  const seen: Stream[] = [];
  for (let index = 0; index < streams; index += 1) {
    const prompt = `Crash run ${index}`;
    live.push(
      streamRun(stack.appUrl, token, slugs[index % slugs.length] ?? "", prompt, (stream) => {
        if (stream.chunks === 1) seen.push(stream);
      }).then((stream) => ({ ...stream, prompt })),
    );
  }
  // Every stream has text, and has streamed for longer than a flush interval (plus slack for a busy machine).
  let ended = 0;
  for (const stream of live) void stream.finally(() => (ended += 1));
  const deadline = Date.now() + 60_000;
  while (seen.length + ended < streams && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, SAVE_INTERVAL_MS * 2));
  const runIds = seen.flatMap((stream) => (stream.runId === null ? [] : [stream.runId]));
  const before = await fingerprint(stack.databaseUrl, runIds);

  const serverPid = pidListeningOn(appPort);
  log(`SIGKILL to the server (pid ${serverPid}) during ${runIds.length} live streams`);
  process.kill(serverPid, "SIGKILL");
  const received = await Promise.all(live);
  await stack.appExited;
  stack.relaunch();
  await waitForApp(stack);
  log("the app is up again");

  const saved = await savedRuns(stack.databaseUrl, runIds);
  const after = await fingerprint(stack.databaseUrl, runIds);
  const byRun = new Map(received.flatMap((stream) => (stream.runId === null ? [] : [[stream.runId, stream] as const])));
  const problems: string[] = [];
  let savedChars = 0;
  let receivedChars = 0;
  for (const runId of runIds) {
    const message = saved.get(runId);
    const stream = byRun.get(runId);
    if (!message || !stream) {
      problems.push(`run ${runId}: ${message ? "no stream" : "no saved message"}`);
      continue;
    }
    savedChars += message.content.length;
    receivedChars += stream.text.length;
    const full = longTokens(stream.prompt, TOKENS).join("");
    if (message.status !== "aborted" || message.errorCode !== "server_restarted")
      problems.push(`run ${runId}: ${message.status}/${message.errorCode}`);
    else if (message.content.length === 0)
      problems.push(`run ${runId}: no text saved after ${SAVE_INTERVAL_MS * 2} ms of streaming`);
    else if (!stream.text.startsWith(message.content))
      problems.push(`run ${runId}: the saved text is not what the client saw`);
    else if (!stream.broken || stream.final !== null)
      problems.push(`run ${runId}: the client's stream ended cleanly (${stream.final}) though the server was killed`);
    else if (!full.startsWith(stream.text))
      problems.push(`run ${runId}: the client received text that is not the reply`);
  }
  const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
  return {
    checks: [
      {
        name: `crash: all ${streams} streams were live at the kill`,
        ok: runIds.length === streams,
        detail: `${runIds.length} live`,
      },
      {
        name: "crash: the killed runs end aborted with the text saved up to the last flush",
        ok: problems.length === 0,
        detail: problems.slice(0, 5).join("; ") || `${runIds.length} runs`,
      },
      {
        name: "crash: nothing else in the database changed",
        ok: changed.length === 0,
        detail: changed.length ? `changed: ${changed.join(", ")}` : "fingerprints equal",
      },
    ],
    figures: { crashStreams: runIds.length, crashSavedChars: savedChars, crashReceivedChars: receivedChars },
  };
}
