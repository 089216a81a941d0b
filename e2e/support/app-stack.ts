// The production app on a fresh database with the provider simulator: what the end-to-end server
// (test-server.ts) and the benchmark (bench/) both start. A fresh database on the test
// PostgreSQL server (TEST_DATABASE_URL, the local server, or an embedded one), the simulator, then
// the app through its launcher (lib/boot/start.ts: migrations, first admin, demo seed, build when
// needed, `next start`). `stop()` stops the app and the simulator and drops the database.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { acquireAdminServer, createTestDatabase, dropStaleTestDatabases, REPO_ROOT } from "../../lib/testing/database";
import { startSimulator } from "../../lib/simulator/server";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./credentials";

export type StackOptions = {
  appPort: number;
  simulatorPort: number;
  /** STREAM_RESUME_GRACE_MS for the app. */
  graceMs: number;
  /** Database name prefix; must match dropStaleTestDatabases' pattern (llmm_e2e, llmm_test). */
  prefix: string;
  /** "in-process" shares this process's event loop; "child" runs `lib/simulator/main.ts` on its own. */
  simulatorMode: "in-process" | "child";
  log: (message: string) => void;
  appStdio?: StdioOptions;
  /** NEXTAUTH_SECRET for the app; random when not given. */
  nextAuthSecret?: string;
  /** No first admin from ADMIN_EMAIL: the database starts with no user (the set-up page's test). */
  withoutAdmin?: boolean;
  /** More environment for the app (the benchmark's statement counter). */
  appEnv?: Record<string, string>;
  /** No NEXTAUTH_URL: the app takes its origin from each request's Host (the CSRF spec's plain-HTTP host). */
  withoutNextAuthUrl?: boolean;
};

type AddedApp = { appUrl: string; app: ChildProcess; appExited: Promise<number> };

export type AppStack = {
  appUrl: string;
  simulatorUrl: string;
  /** The app's database (the soak test reads the saved runs there). */
  databaseUrl: string;
  app: ChildProcess;
  /** Resolves with the app launcher's exit code. */
  appExited: Promise<number>;
  /** Another instance of the app on the same database, secrets and simulator (stopped with the stack). */
  addApp(port: number): AddedApp;
  /** Starts the app again on the same database and secrets, after it exited (crash tests). */
  relaunch(): void;
  stop(): Promise<void>;
};

type SimulatorHandle = { url: string; close(): Promise<void> };

function waitForExit(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? 1);
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function stopChild(child: ChildProcess, exited: Promise<number>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(killer);
}

async function startChildSimulator(port: number): Promise<SimulatorHandle> {
  const child = spawn(
    path.join(REPO_ROOT, "node_modules/.bin/tsx"),
    ["lib/simulator/main.ts", "--port", String(port)],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = waitForExit(child);
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
      const match = /listening on (\S+)/u.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`the simulator exited (code ${code}) before listening`)));
  });
  return { url, close: () => stopChild(child, exited) };
}

export async function startAppStack(options: StackOptions): Promise<AppStack> {
  const { log } = options;
  const server = await acquireAdminServer();
  const stale = await dropStaleTestDatabases(server.url);
  if (stale.length > 0) log(`dropped ${stale.length} leftover test database(s)`);
  const database = await createTestDatabase({ prefix: options.prefix, serverUrl: server.url });
  log(`database ${database.name} on ${server.source} PostgreSQL (${new URL(server.url).host})`);

  const simulator: SimulatorHandle | null = await (
    options.simulatorMode === "child"
      ? startChildSimulator(options.simulatorPort)
      : startSimulator({ port: options.simulatorPort })
  ).catch(async (error: unknown) => {
    await dropAndRelease();
    throw error;
  });
  log(`simulator on ${simulator.url} (${options.simulatorMode})`);

  // Shared by every instance and every relaunch: sessions and stored keys must stay readable.
  const secrets = {
    NEXTAUTH_SECRET: options.nextAuthSecret ?? randomBytes(32).toString("base64"),
    APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  const launch = (port: number): ChildProcess =>
    // react-server: the launcher imports the app's server-only modules (lib/db/client.ts).
    spawn(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/boot/start.ts"], {
      cwd: REPO_ROOT,
      stdio: options.appStdio ?? "inherit",
      env: {
        // One admin drives every spec, the bench and the soak: per-user run limits would throttle
        // them. Before process.env, so a spec's own stack can set its limits (run-limits.spec.ts).
        RUN_CONCURRENCY_PER_USER: "0",
        RUN_STARTS_PER_MINUTE: "0",
        CONNECTION_TESTS_PER_MINUTE: "0",
        ...process.env,
        DATABASE_URL: database.url,
        PORT: String(port),
        // Without NEXTAUTH_URL the launcher listens on loopback only (it refuses to go wider).
        ...(options.withoutNextAuthUrl ? { HOST: "127.0.0.1" } : { NEXTAUTH_URL: `http://127.0.0.1:${port}` }),
        ...secrets,
        // Empty, not absent: the parent's own ADMIN_EMAIL must not leak in either.
        ...(options.withoutAdmin ? { ADMIN_EMAIL: "", ADMIN_PASSWORD: "" } : { ADMIN_EMAIL, ADMIN_PASSWORD }),
        LLMM_SEED_DEMO: "1",
        SIMULATOR_URL: simulator.url,
        STREAM_RESUME_GRACE_MS: String(options.graceMs),
        NEXT_TELEMETRY_DISABLED: "1",
        ...options.appEnv,
      },
    });
  const apps: AddedApp[] = [];
  const addApp = (port: number): AddedApp => {
    const child = launch(port);
    const added = { appUrl: `http://127.0.0.1:${port}`, app: child, appExited: waitForExit(child) };
    apps.push(added);
    return added;
  };
  const first = addApp(options.appPort);

  async function dropAndRelease(): Promise<void> {
    try {
      // An embedded server is thrown away whole (it got the signal too and takes no new connections).
      if (server.source !== "embedded") await database.drop();
      await server.release();
      log(`database ${database.name} removed`);
    } catch (error) {
      console.error(`clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let stopping: Promise<void> | null = null;
  const stack: AppStack = {
    appUrl: first.appUrl,
    simulatorUrl: simulator.url,
    databaseUrl: database.url,
    app: first.app,
    appExited: first.appExited,
    addApp,
    relaunch() {
      if (stack.app.exitCode === null && stack.app.signalCode === null)
        throw new Error("relaunch: the app is still running");
      stack.app = launch(options.appPort);
      stack.appExited = waitForExit(stack.app);
      apps[0] = { appUrl: stack.appUrl, app: stack.app, appExited: stack.appExited };
    },
    stop() {
      stopping ??= (async () => {
        await Promise.all(apps.map((added) => stopChild(added.app, added.appExited)));
        await simulator.close().catch(() => undefined);
        await dropAndRelease();
      })();
      return stopping;
    },
  };
  return stack;
}

/** Polls `/api/health` until the app answers, it exits, or `timeoutMs` passes. */
export async function waitForApp(stack: Pick<AppStack, "appUrl" | "appExited">, timeoutMs = 300_000): Promise<void> {
  let exited = false;
  void stack.appExited.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    const ok = await fetch(`${stack.appUrl}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(exited ? "the app exited before answering" : `the app did not answer within ${timeoutMs} ms`);
}
