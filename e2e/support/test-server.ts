// The end-to-end app server (run by start-test-server.mjs under tsx): the production app on a
// fresh database with the provider simulator in this process (see app-stack.ts). On
// SIGTERM/SIGINT it stops the app and drops the database.
import { startAppStack } from "./app-stack";
import { E2E_GRACE_MS, SIMULATOR_PORT } from "./simulator-control";

const log = (message: string): void => console.log(`[e2e-server] ${message}`);

async function main(): Promise<void> {
  const stack = await startAppStack({
    appPort: Number(process.env.E2E_PORT ?? "3100"),
    // The provider simulator the demo configurations point at; specs read its request log.
    simulatorPort: SIMULATOR_PORT,
    simulatorMode: "in-process",
    // Short, so abandoned-stream tests do not wait 10 s each.
    graceMs: E2E_GRACE_MS,
    prefix: "llmm_e2e",
    log,
    // Set by playwright.config.ts: specs mint expired and forged session cookies with it.
    nextAuthSecret: process.env.E2E_NEXTAUTH_SECRET,
  });

  let cleaningUp = false;
  const cleanUp = async (exitCode: number): Promise<never> => {
    cleaningUp = true;
    await stack.stop();
    process.exit(exitCode);
  };

  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (!cleaningUp) void cleanUp(0);
    });
  }
  const code = await stack.appExited;
  if (!cleaningUp) {
    log(`the app exited on its own (code ${code})`);
    await cleanUp(code === 0 ? 1 : code);
  }
}

main().catch((error: unknown) => {
  console.error("[e2e-server] could not start:", error);
  process.exit(1);
});
