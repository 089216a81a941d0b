import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/boot/embedded-postgres";
import { applyMigrations } from "@/lib/boot/migrate";
import { loadOrCreateSecrets, secretsFile } from "@/lib/boot/secrets";
import { createMigrationWorkspace, migrationNames } from "@/lib/testing/migration-workspace";
import { createTestDatabase, withClient } from "@/lib/testing/database";
import { freePort } from "@/lib/testing/free-port";

function runLauncher(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "lib/boot/start.ts"],
      {
        // Only PATH and HOME from the outside: DATABASE_URL and secrets are what each test says.
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as unknown as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Runs the launcher until its output matches `until`, then kills its process group (it would go on to build and serve). */
function runLauncherUntil(env: Record<string, string>, until: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "lib/boot/start.ts"],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as unknown as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    let output = "";
    const stop = (): void => {
      clearTimeout(timer);
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the launcher never printed ${String(until)}:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      if (until.test(output)) {
        stop();
        resolve(output);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("close", () => {
      clearTimeout(timer);
      if (!until.test(output)) reject(new Error(`the launcher exited without printing ${String(until)}:\n${output}`));
    });
  });
}

const secrets = (): Record<string, string> => ({
  NEXTAUTH_SECRET: "a-long-enough-secret-for-tests",
  APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
});

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("the launcher refuses to start, clearly", () => {
  it("names the missing secrets when DATABASE_URL is set (a real deployment)", async () => {
    const result = await runLauncher({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres",
      NEXTAUTH_URL: "https://llm.example.test",
    });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Cannot start: NEXTAUTH_SECRET and APP_ENCRYPTION_KEY are not set/);
  });

  it("says the database is unreachable, without printing its password", async () => {
    const result = await runLauncher({
      DATABASE_URL: `postgresql://postgres:hunter2-secret@127.0.0.1:${await freePort()}/postgres`,
      // On loopback NEXTAUTH_URL may be left out.
      HOST: "127.0.0.1",
      ...secrets(),
    });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /Cannot start: PostgreSQL at postgresql:\/\/postgres:\*\*\*\*@127\.0\.0\.1:\d+\/postgres is unreachable/,
    );
    expect(result.output).not.toContain("hunter2-secret");
  });

  it("refuses to listen beyond loopback without NEXTAUTH_URL, before touching the database", async () => {
    const result = await runLauncher({
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`,
      ...secrets(),
    });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /Cannot start: the server would listen on 0\.0\.0\.0, reachable from other machines, but NEXTAUTH_URL is not set/,
    );
    expect(result.output).toMatch(/HOST=127\.0\.0\.1/);
    expect(result.output).not.toMatch(/unreachable/);
    // The embedded demo too, when told to listen everywhere (the data directory is never reached).
    const embedded = await runLauncher({ HOST: "0.0.0.0", LLMM_DATA_DIR: "/nonexistent-llmm-test" });
    expect(embedded.output).toMatch(/listen on 0\.0\.0\.0.*NEXTAUTH_URL is not set/);
  });
});

describe("the first run on a network", () => {
  it("prints a one-time set-up code while no user exists", async () => {
    const database = await createTestDatabase({ migrate: true });
    cleanups.push(() => database.drop());
    const output = await runLauncherUntil(
      { DATABASE_URL: database.url, NEXTAUTH_URL: "http://127.0.0.1:9", ...secrets() },
      /set-up code: \S+/,
    );
    expect(output).toMatch(/no users yet: open \/setup/);
    expect(output).toMatch(/set-up code: [A-Z2-9]{4}(-[A-Z2-9]{4}){4} /);
  });

  it("ignores ADMIN_PASSWORD with a warning once an administrator exists, and prints no code", async () => {
    const database = await createTestDatabase({ migrate: true });
    cleanups.push(() => database.drop());
    await withClient(database.url, (client) =>
      client.query(
        `INSERT INTO users (email, password_hash, role, updated_at) VALUES ('first@example.test', 'x', 'admin', now())`,
      ),
    );
    const output = await runLauncherUntil(
      {
        DATABASE_URL: database.url,
        NEXTAUTH_URL: "http://127.0.0.1:9",
        ADMIN_EMAIL: "other@example.test",
        ADMIN_PASSWORD: "would-reset-it-1",
        ...secrets(),
      },
      /warning: ADMIN_PASSWORD is ignored: an administrator exists already/,
    );
    expect(output).toMatch(/users exist/);
    expect(output).not.toContain("would-reset-it-1");
    expect(output).not.toMatch(/set-up code/);
    const users = await withClient(database.url, (client) => client.query("SELECT email FROM users"));
    expect(users.rows).toEqual([{ email: "first@example.test" }]);
  });
});

describe("a failed migration at start", () => {
  it("is reported with a hint and changes nothing", async () => {
    const database = await createTestDatabase({ migrate: true });
    cleanups.push(() => database.drop());
    await withClient(database.url, (client) =>
      client.query(
        `INSERT INTO llm_manager_configurations (slug, name, provider, model, updated_at) VALUES ('keep-me', 'Keep me', 'openai', 'gpt', now())`,
      ),
    );
    const workspace = await createMigrationWorkspace({
      migrations: await migrationNames(),
      extra: {
        "20991231000000_broken":
          'BEGIN;\nALTER TABLE "llm_manager_configurations" ADD COLUMN "half" TEXT;\nUPDATE "llm_manager_configurations" SET "name" = \'changed\';\nSELECT "no_such_column" FROM "users";\nCOMMIT;\n',
      },
    });
    cleanups.push(() => workspace.cleanup());
    const result = await applyMigrations({ databaseUrl: database.url, schemaPath: workspace.schemaPath });
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.hint).toMatch(/left no changes/);
    const rows = await withClient(database.url, (client) =>
      client.query("SELECT name FROM llm_manager_configurations WHERE slug = 'keep-me'"),
    );
    expect(rows.rows).toEqual([{ name: "Keep me" }]);
    const column = await withClient(database.url, (client) =>
      client.query("SELECT 1 FROM information_schema.columns WHERE column_name = 'half'"),
    );
    expect(column.rowCount).toBe(0);
    const again = await applyMigrations({ databaseUrl: database.url, schemaPath: workspace.schemaPath });
    expect(again.ok ? "" : again.hint).toMatch(/recorded as failed.*UPDATE _prisma_migrations/s);
  });
});

describe("the zero-configuration mode", () => {
  it("generates its secrets once (mode 0600) and keeps PostgreSQL's data across restarts", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "llmm-embedded-"));
    await chmod(dir, 0o755);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const secrets = loadOrCreateSecrets(dir);
    expect((await stat(secretsFile(dir))).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecrets(dir)).toEqual(secrets);

    const port = await freePort();
    const first = await startEmbeddedPostgres({
      dataDir: dir,
      password: secrets.postgresPassword,
      port,
      postgresFlags: ["-c", "fsync=off"],
    });
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query("CREATE TABLE survivor (value text)");
    await client.query("INSERT INTO survivor VALUES ('still here')");
    await client.end();
    await first.stop();

    const second = await startEmbeddedPostgres({
      dataDir: dir,
      password: secrets.postgresPassword,
      port,
      postgresFlags: ["-c", "fsync=off"],
    });
    cleanups.push(() => second.stop());
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    expect((await again.query("SELECT value FROM survivor")).rows).toEqual([{ value: "still here" }]);
    await again.end();
  });
});
