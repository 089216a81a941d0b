// The production app on one fresh database, one instance a port in STACK_PORTS, with the provider
// simulator in this process: run under tsx by specs that need a stack of their own
// (e2e/support/own-stack.ts), which read the `ready {json}` line and stop it with SIGTERM.
// STACK_SIMULATOR_PORT picks the simulator's port (any free one when absent).
// STACK_WITHOUT_ADMIN=1 leaves the database with no user (the set-up page's test: the `ready` line
// then carries the one-time set-up code the first app printed); with REDIS_URL
// (and its key prefix) the instances share in-flight runs (the multi-instance test).
// STACK_WITHOUT_NEXTAUTH_URL=1 starts the app without NEXTAUTH_URL (the CSRF spec's plain-HTTP host).
import { startAppStack, waitForApp } from "./app-stack";

// Long enough for a client to reach the other instance on a loaded machine (a first request to a
// route there takes about a second), short against the multi-instance spec's 5-s replies.
const STACK_GRACE_MS = 4000;

const log = (message: string): void => console.log(`[stack] ${message}`);
const ports = (process.env.STACK_PORTS ?? "").split(",").map(Number);

async function main(): Promise<void> {
  const [first, ...others] = ports;
  if (!first || others.some((port) => !port)) throw new Error("STACK_PORTS=<port>[,<port>...] must be set");
  const stack = await startAppStack({
    appPort: first,
    simulatorPort: Number(process.env.STACK_SIMULATOR_PORT ?? 0),
    simulatorMode: "in-process",
    graceMs: STACK_GRACE_MS,
    prefix: "llmm_e2e",
    log,
    appStdio: ["ignore", "pipe", "inherit"],
    withoutAdmin: process.env.STACK_WITHOUT_ADMIN === "1",
    withoutNextAuthUrl: process.env.STACK_WITHOUT_NEXTAUTH_URL === "1",
  });
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    process.on(signal, () => void stack.stop().then(() => process.exit(0)));
  }
  // The launcher prints the set-up code on its console; the spec types it like a person would.
  let launcherOutput = "";
  stack.app.stdout?.on("data", (data: Buffer) => (launcherOutput += data.toString()));
  // One after the other: a later start finds the migrations applied and the build fresh.
  await waitForApp(stack);
  const apps: Array<{ appUrl: string; appExited: Promise<number> }> = [stack];
  for (const port of others) {
    const added = stack.addApp(port);
    added.app.stdout?.resume();
    await waitForApp(added);
    apps.push(added);
  }
  const setupCode = /set-up code: (\S+)/u.exec(launcherOutput)?.[1] ?? null;
  console.log(
    `ready ${JSON.stringify({ apps: apps.map((app) => app.appUrl), simulatorUrl: stack.simulatorUrl, setupCode })}`,
  );
  const code = await Promise.race(apps.map((app) => app.appExited));
  log(`an app exited on its own (code ${code})`);
  await stack.stop();
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error("[stack] could not start:", error);
  process.exit(1);
});
