// `npm start`: the whole app from one command. Without DATABASE_URL it runs an embedded
// PostgreSQL under .data/ and generates its secrets there; then it applies migrations, creates
// the first admin, builds when the build is missing or stale, and runs `next start`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { buildApp, buildIsStale } from "@/lib/boot/build";
import { dataDir } from "@/lib/boot/data-dir";
import { embeddedPort, startEmbeddedPostgres, type RunningPostgres } from "@/lib/boot/embedded-postgres";
import { ensureFirstAdmin } from "@/lib/boot/first-admin";
import { listenHost, listenProblem, nextServerEnv, setupGuard } from "@/lib/boot/first-run";
import { MAX_HEADER_BYTES } from "@/lib/boot/http-limits";
import { abortInterruptedRuns } from "@/lib/boot/interrupted-runs";
import { fail, say } from "@/lib/boot/log";
import { applyMigrations } from "@/lib/boot/migrate";
import { applySecrets, loadOrCreateSecrets } from "@/lib/boot/secrets";
import { sealSecretsAtStart } from "@/lib/boot/seal-secrets";
import { seedDemoConfigurations } from "@/lib/boot/seed";
import { DEFAULT_SIMULATOR_PORT, startSimulator } from "@/lib/boot/simulator-process";
import { database } from "@/lib/db/client";
import { AppError, errorMessage } from "@/lib/errors";

const development = process.argv.includes("--dev");

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:****@");
}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    fail(
      `PostgreSQL at ${redact(url)} is unreachable: ${errorMessage(error)}`,
      "Check DATABASE_URL and that the server is running.",
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function prepareDatabase(): Promise<{ embedded: RunningPostgres | null; seedDemo: boolean }> {
  if (process.env.DATABASE_URL) {
    const missing = applySecrets({ embedded: false, generated: null });
    if (missing.length > 0) {
      fail(
        `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set.`,
        "With DATABASE_URL (a real deployment) secrets are never generated: set them (see .env.example; e.g. `openssl rand -base64 32`).",
      );
    }
    return { embedded: null, seedDemo: process.env.LLMM_SEED_DEMO === "1" };
  }
  const dir = dataDir();
  const secrets = loadOrCreateSecrets(dir);
  applySecrets({ embedded: true, generated: secrets });
  const port = embeddedPort();
  say(`no DATABASE_URL: starting the embedded PostgreSQL in ${path.join(dir, "pg")} on port ${port}`);
  const embedded = await startEmbeddedPostgres({ dataDir: dir, password: secrets.postgresPassword, port }).catch(
    (error: unknown) => fail(errorMessage(error)),
  );
  process.env.DATABASE_URL = embedded.url;
  const marker = path.join(dir, "demo-seeded");
  const seedDemo = process.env.LLMM_SEED_DEMO !== "0" && !existsSync(marker);
  if (seedDemo) writeFileSync(marker, `${new Date().toISOString()}\n`);
  return { embedded, seedDemo };
}

/** The V8 flags this Node accepts: they are V8's, not Node's, and Node refuses to start with one its V8 lacks. */
function knownV8Flags(flags: string[]): string[] {
  return flags.filter((flag) => spawnSync(process.execPath, [flag, "-e", ""], { stdio: "ignore" }).status === 0);
}

async function main(): Promise<void> {
  const host = listenHost({ env: process.env, embedded: !process.env.DATABASE_URL });
  const problem = listenProblem({ host, nextAuthUrl: process.env.NEXTAUTH_URL });
  if (problem) fail(problem.message, problem.hint);
  const { embedded, seedDemo } = await prepareDatabase();
  const databaseUrl = process.env.DATABASE_URL ?? fail("DATABASE_URL was not resolved.");
  await assertReachable(databaseUrl);

  const migration = await applyMigrations({ databaseUrl });
  if (!migration.ok) {
    console.error(migration.output);
    await embedded?.stop();
    fail("a database migration failed.", migration.hint);
  }
  say("database schema is up to date");
  const sealed = await sealSecretsAtStart();
  if (sealed) say(sealed);

  // The zero-configuration demo streams from the simulator; a real deployment does not start it.
  const simulator =
    embedded && process.env.LLMM_SIMULATOR !== "0"
      ? await startSimulator(Number(process.env.SIMULATOR_PORT ?? DEFAULT_SIMULATOR_PORT))
      : null;
  if (simulator) say(`provider simulator: ${simulator.url}`);

  const firstAdmin = await ensureFirstAdmin();
  say(firstAdmin.message);
  if (firstAdmin.warning) console.warn(`[llm-manager] warning: ${firstAdmin.warning}`);
  const setup = setupGuard({ host, usersExist: firstAdmin.usersExist });
  if (setup.code) say(`set-up code: ${setup.code} (the set-up page asks for it; it works once)`);
  if (seedDemo) say(`demo configurations added: ${await seedDemoConfigurations()}`);
  const aborted = await abortInterruptedRuns();
  if (aborted > 0) say(`${aborted} reply(ies) left streaming by a previous run marked aborted`);
  await database().$disconnect();

  const port = process.env.PORT ?? "3000";
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "1";

  if (!development && buildIsStale()) {
    say("building the app (first start, or the sources changed)…");
    if (!buildApp()) {
      await embedded?.stop();
      fail("`next build` failed; see its output above.");
    }
  }

  const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  // 64 KiB of request head (Node's default is 16 KiB): a GET with a prompt of a few thousand
  // characters in its URL still fits; the app's own pages and long prompts use POST. The 1 MiB of
  // before let every connection hold that much unfinished head. request-timeouts.mjs cuts
  // clients that send their request too slowly. Idle keep-alive sockets
  // live 65 s (Node's 5 s raced clients reusing a socket as the server closed it: ECONNRESET).
  // listen-backlog.mjs lets a burst of new connections queue instead of timing out.
  // The heap may grow to twice what survives a full collection: V8's own factor climbs towards 4
  // under a steady stream of runs, and the 10,000-run soak saw RSS grow 30-60% over its second
  // half with a live heap that stayed at 100 MiB; with 2 it stayed flat at the same throughput.
  const backlog = pathToFileURL(path.join(process.cwd(), "lib", "boot", "listen-backlog.mjs")).href;
  // socket-address.mjs tells the app each request's real peer (the sign-in throttle counts by it).
  const socketAddress = pathToFileURL(path.join(process.cwd(), "lib", "boot", "socket-address.mjs")).href;
  const timeouts = pathToFileURL(path.join(process.cwd(), "lib", "boot", "request-timeouts.mjs")).href;
  const child = spawn(
    process.execPath,
    [
      ...knownV8Flags(["--heap-growing-percent=100"]),
      `--max-http-header-size=${MAX_HEADER_BYTES}`,
      "--import",
      backlog,
      "--import",
      socketAddress,
      "--import",
      timeouts,
      next,
      development ? "dev" : "start",
      "--port",
      port,
      "--hostname",
      host,
      ...(development ? [] : ["--keepAliveTimeout", "65000"]),
    ],
    {
      stdio: "inherit",
      env: nextServerEnv(process.env, setup.guard),
    },
  );
  say(`LLM Manager: http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);

  const stopEverything = (signal: NodeJS.Signals) => {
    if (!child.killed) child.kill(signal);
  };
  process.on("SIGINT", stopEverything);
  process.on("SIGTERM", stopEverything);
  child.on("exit", (code, signal) => {
    void (async () => {
      simulator?.stop();
      await embedded?.stop().catch(() => undefined);
      process.exit(code ?? (signal ? 0 : 1));
    })();
  });
}

// AppErrors (say, an ADMIN_PASSWORD that is too short) are the user's to fix: message only.
main().catch((error: unknown) =>
  fail(
    error instanceof AppError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error),
  ),
);
