// Two instances of the production app on one fresh database and one Redis (the spec's
// REDIS_URL and key prefix), with the provider simulator in this process: run under tsx by
// e2e/multi-instance.spec.ts, which reads the `ready {json}` line and stops it with SIGTERM.
import { startAppStack, waitForApp } from "./app-stack";

// Long enough for a client to reach the other instance on a loaded machine (a first request to a
// route there takes about a second), short against the spec's 5-s replies.
const MULTI_INSTANCE_GRACE_MS = 4000;

const log = (message: string): void => console.log(`[multi-instance] ${message}`);
const ports = (process.env.MULTI_INSTANCE_PORTS ?? "").split(",").map(Number);

async function main(): Promise<void> {
  const [portA, portB] = ports;
  if (!portA || !portB || !process.env.REDIS_URL) throw new Error("MULTI_INSTANCE_PORTS=<a>,<b> and REDIS_URL must be set");
  const stack = await startAppStack({
    appPort: portA,
    simulatorPort: 0,
    simulatorMode: "in-process",
    graceMs: MULTI_INSTANCE_GRACE_MS,
    prefix: "llmm_e2e",
    log,
    appStdio: ["ignore", "ignore", "inherit"],
  });
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    process.on(signal, () => void stack.stop().then(() => process.exit(0)));
  }
  // One after the other: the second start finds the migrations applied and the build fresh.
  await waitForApp(stack);
  const second = stack.addApp(portB);
  await waitForApp(second);
  console.log(`ready ${JSON.stringify({ appA: stack.appUrl, appB: second.appUrl, simulatorUrl: stack.simulatorUrl })}`);
  const code = await Promise.race([stack.appExited, second.appExited]);
  log(`an app exited on its own (code ${code})`);
  await stack.stop();
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error("[multi-instance] could not start:", error);
  process.exit(1);
});
