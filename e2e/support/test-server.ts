// The end-to-end app server (run by start-test-server.mjs under tsx): a fresh database on the
// test PostgreSQL server (TEST_DATABASE_URL, the local server, or an embedded one), then the
// production app through its launcher (lib/boot/start.ts: migrations, first admin, demo seed,
// build when needed, `next start`). On SIGTERM/SIGINT it stops the app and drops the database.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { acquireAdminServer, createTestDatabase, dropStaleTestDatabases, REPO_ROOT } from "../../lib/testing/database";
import { startSimulator } from "../simulator/server";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./credentials";
import { E2E_GRACE_MS, SIMULATOR_PORT } from "./simulator-control";

const log = (message: string): void => console.log(`[e2e-server] ${message}`);

async function main(): Promise<void> {
  const port = process.env.E2E_PORT ?? "3100";
  const server = await acquireAdminServer();
  const stale = await dropStaleTestDatabases(server.url);
  if (stale.length > 0) log(`dropped ${stale.length} leftover test database(s)`);
  const database = await createTestDatabase({ prefix: "llmm_e2e", serverUrl: server.url });
  log(`database ${database.name} on ${server.source} PostgreSQL (${new URL(server.url).host})`);

  // The provider simulator the demo configurations point at; specs read its request log.
  const simulator = await startSimulator({ port: SIMULATOR_PORT });
  log(`simulator on ${simulator.url}`);

  const app = spawn(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["lib/boot/start.ts"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: port,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      LLMM_SEED_DEMO: "1",
      SIMULATOR_URL: simulator.url,
      // Short, so abandoned-stream tests do not wait 10 s each.
      STREAM_RESUME_GRACE_MS: String(E2E_GRACE_MS),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const appExited = new Promise<number>((resolve) => app.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));

  let cleaningUp = false;
  const cleanUp = async (exitCode: number): Promise<never> => {
    cleaningUp = true;
    if (app.exitCode === null && app.signalCode === null) {
      app.kill("SIGTERM");
      const killer = setTimeout(() => app.kill("SIGKILL"), 10_000);
      await appExited;
      clearTimeout(killer);
    }
    await simulator.close().catch(() => undefined);
    try {
      // An embedded server is thrown away whole (it got the signal too and takes no new connections).
      if (server.source !== "embedded") await database.drop();
      await server.release();
      log(`database ${database.name} removed`);
    } catch (error) {
      console.error(`[e2e-server] clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exit(exitCode);
  };

  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (!cleaningUp) void cleanUp(0);
    });
  }
  const code = await appExited;
  if (!cleaningUp) {
    log(`the app exited on its own (code ${code})`);
    await cleanUp(code === 0 ? 1 : code);
  }
}

main().catch((error: unknown) => {
  console.error("[e2e-server] could not start:", error);
  process.exit(1);
});
