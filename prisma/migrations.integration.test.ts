// Migrations against real PostgreSQL through the real Prisma CLI (WebAssembly schema engine):
// upgrading existing data, agreement with schema.prisma, and a failing migration.
import { z } from "zod";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, migrateDatabase, runPrisma, withClient, type TestDatabase } from "../lib/testing/database";
import { createMigrationWorkspace, migrationNames, type MigrationWorkspace } from "@/lib/testing/migration-workspace";
import { describeSchema, diffSchemas, snapshotData, type SchemaDescription } from "@/lib/testing/schema-description";

const INIT = "20250301000000_init";
const BROKEN = "29990101000000_deliberately_broken";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(migrate: boolean): Promise<TestDatabase> {
  const created = await createTestDatabase({ migrate });
  cleanups.push(created.drop);
  return created;
}

async function workspace(migrations: string[], extra?: Record<string, string>): Promise<MigrationWorkspace> {
  const created = await createMigrationWorkspace({ migrations, extra });
  cleanups.push(created.cleanup);
  return created;
}

type ConfigurationRow = Record<string, string | number | boolean | null | object>;

// Rows as the pre-OpenRouter system stored them: every provider of the time, JSON of all shapes.
const LEGACY_CONFIGURATIONS: ConfigurationRow[] = [
  {
    slug: "local-llama",
    name: "Local Llama",
    provider: "ollama",
    model: "llama3.1:8b",
    base_url: "http://127.0.0.1:11434",
    default_params: { temperature: 0.2, num_ctx: 8192 },
  },
  {
    slug: "gpt-mini",
    name: "GPT mini",
    provider: "openai",
    model: "gpt-4o-mini",
    api_key_encrypted: "v1.iv.ciphertext.tag",
    api_key_last_four: "x9Zq",
    default_params: { temperature: 0.7, max_tokens: 1024, stop: ["\n\n", "END"] },
    extra_headers: { "OpenAI-Organization": "org-123" },
  },
  {
    slug: "claude",
    name: "Claude",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    first_token_timeout_ms: 30_000,
    total_timeout_ms: 120_000,
    active: false,
    default_params: { thinking: { type: "enabled", budget_tokens: 2048 } },
  },
  {
    slug: "lm-studio",
    name: "LM Studio",
    provider: "local",
    model: "qwen2.5-7b-instruct",
    base_url: "http://localhost:1234/v1",
  },
  {
    slug: "gateway",
    name: "Gateway ünïcødé ✓ 'quoted'",
    provider: "custom",
    model: "any/model",
    base_url: "https://gw.example.test/v1",
    default_params: { nested: { deep: [1, 2.5, null, true, "x"] }, "key with spaces": "value", big: 12345678901234 },
    created_at: "2025-03-02 10:11:12.345",
    updated_at: "2025-04-05 06:07:08.901",
  },
];

async function insertConfiguration(url: string, row: ConfigurationRow): Promise<void> {
  const columns = Object.keys(row);
  const values = Object.values(row).map((value) =>
    typeof value === "object" && value !== null ? JSON.stringify(value) : value,
  );
  const placeholders = columns.map((_, index) => `$${index + 1}`);
  const sql = `INSERT INTO llm_manager_configurations (${columns.map((column) => `"${column}"`).join(", ")}) VALUES (${placeholders.join(", ")})`;
  await withClient(url, (client) => client.query(sql, values));
}

async function configurationRows(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ row: string }>(
      "SELECT to_jsonb(c)::text AS row FROM llm_manager_configurations c ORDER BY id",
    );
    return rows.map((row) => row.row);
  });
}

async function appliedMigrations(
  url: string,
): Promise<Array<{ name: string; finished: boolean; rolledBack: boolean }>> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string; finished: boolean; rolled_back: boolean }>(
      `SELECT migration_name AS name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
    );
    return rows.map((row) => ({ name: row.name, finished: row.finished, rolledBack: row.rolled_back }));
  });
}

// 20261201100000_seal_extra_headers moves header values (in clear) aside for the launcher to seal.
function asUpgraded(row: string): Record<string, unknown> {
  const { extra_headers: headers, ...rest } = z.record(z.string(), z.unknown()).parse(JSON.parse(row));
  const kept = headers !== null && typeof headers === "object" && Object.keys(headers).length > 0 ? headers : null;
  return { ...rest, extra_headers: [], legacy_extra_headers: kept };
}

const openRouterRow: ConfigurationRow = {
  slug: "openrouter",
  name: "OpenRouter",
  provider: "openrouter",
  model: "openai/gpt-4o",
};

describe("upgrading a database created before OpenRouter", () => {
  it("keeps every configuration row and accepts 'openrouter' afterwards", async () => {
    const db = await database(false);
    const initOnly = await workspace([INIT]);

    // The CLI's --schema wins over prisma.config.ts's `schema`, and migrations are read next to it.
    await migrateDatabase(db.url, initOnly.schemaPath);
    expect(await appliedMigrations(db.url)).toEqual([{ name: INIT, finished: true, rolledBack: false }]);

    for (const row of LEGACY_CONFIGURATIONS) await insertConfiguration(db.url, row);
    await expect(insertConfiguration(db.url, openRouterRow)).rejects.toMatchObject({ code: "22P02" });
    const before = await configurationRows(db.url);
    expect(before).toHaveLength(LEGACY_CONFIGURATIONS.length);

    await migrateDatabase(db.url);

    // Every value kept (header values moved aside for sealing); columns added later may sit beside them.
    const keptRows = before.map((row): unknown => expect.objectContaining(asUpgraded(row)));
    expect((await configurationRows(db.url)).map((row) => JSON.parse(row) as unknown)).toEqual(keptRows);
    const allMigrations = await migrationNames();
    expect(await appliedMigrations(db.url)).toEqual(
      allMigrations.map((name) => ({ name, finished: true, rolledBack: false })),
    );
    await withClient(db.url, async (client) => {
      const { rows } = await client.query<{ labels: string[] }>(
        `SELECT enum_range(NULL::"Provider")::text[] AS labels`,
      );
      expect(rows[0]?.labels).toEqual(["ollama", "openai", "anthropic", "openrouter", "local", "custom"]);
    });

    await insertConfiguration(db.url, openRouterRow);
    const after = await configurationRows(db.url);
    expect(after.slice(0, before.length).map((row) => JSON.parse(row) as unknown)).toEqual(keptRows);
    expect(JSON.parse(after[before.length] ?? "null")).toMatchObject({ id: before.length + 1, provider: "openrouter" });

    const status = await runPrisma(["migrate", "status"], { databaseUrl: db.url });
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect(status.stdout).toMatch(/Database schema is up to date/);
  });
});

describe("migrations and schema.prisma", () => {
  it("produce the same database schema", async () => {
    const migrated = await database(true);
    const fromSchema = await database(false);
    const diff = await runPrisma(
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { databaseUrl: fromSchema.url },
    );
    expect(diff.code, diff.stderr).toBe(0);
    await withClient(fromSchema.url, (client) => client.query(diff.stdout));

    const expected = await withClient(migrated.url, describeSchema);
    const actual = await withClient(fromSchema.url, describeSchema);
    // On failure this prints the entries found only in the migrated database / only in the schema's.
    expect(diffSchemas(expected, actual)).toEqual([]);
    expect(actual).toEqual(expected);
    expect(expected.tables).toEqual([
      "api_tokens",
      "audit_logs",
      "connection_tests",
      "conversations",
      "llm_manager_configurations",
      "messages",
      "sessions",
      "users",
    ]);

    // The comparison is not vacuous: one dropped index shows up.
    await withClient(fromSchema.url, (client) => client.query(`DROP INDEX "messages_status_idx"`));
    const changed = diffSchemas(expected, await withClient(fromSchema.url, describeSchema));
    expect(changed.map((difference) => difference.category)).toEqual(["indexes"]);
  });
});

const BROKEN_STATEMENTS = `
CREATE TABLE "broken_probe" ("id" SERIAL NOT NULL, CONSTRAINT "broken_probe_pkey" PRIMARY KEY ("id"));
ALTER TABLE "llm_manager_configurations" ADD COLUMN "broken_probe_id" INTEGER;
UPDATE "llm_manager_configurations" SET "active" = NOT "active", "name" = 'changed';
CREATE INDEX "broken_idx" ON "llm_manager_configurations"("missing_column");
`;

async function seedEveryTable(url: string): Promise<void> {
  for (const row of LEGACY_CONFIGURATIONS.slice(0, 2)) await insertConfiguration(url, row);
  await withClient(url, async (client) => {
    await client.query(`INSERT INTO users (email, password_hash, role) VALUES ('admin@example.test', 'hash', 'admin')`);
    await client.query(
      `INSERT INTO api_tokens (name, token_hash, prefix, user_id) VALUES ('ci', repeat('a', 64), 'llmm_abc', 1)`,
    );
    await client.query(
      `INSERT INTO conversations (title, configuration_id, created_by_id, params) VALUES ('Hello', 1, 1, '{"temperature":0.5}')`,
    );
    await client.query(
      `INSERT INTO messages (conversation_id, role, content) VALUES (1, 'user', 'Hi'), (1, 'assistant', 'Hello!')`,
    );
    await client.query(
      `INSERT INTO audit_logs (actor_user_id, actor_label, action, entity_type, entity_id) VALUES (1, 'admin', 'create', 'configuration', '1')`,
    );
  });
}

type BrokenDeploy = {
  db: TestDatabase;
  broken: MigrationWorkspace;
  output: string;
  schemaBefore: SchemaDescription;
  dataBefore: Record<string, string[]>;
};

/** A migrated database with a row in every table, then a deploy that includes `sql` as a new migration. */
async function deployBroken(sql: string): Promise<BrokenDeploy> {
  const db = await database(true);
  await seedEveryTable(db.url);
  const schemaBefore = await withClient(db.url, describeSchema);
  const dataBefore = await withClient(db.url, snapshotData);
  const broken = await workspace(await migrationNames(), { [BROKEN]: sql });
  const result = await runPrisma(["migrate", "deploy", "--schema", broken.schemaPath], { databaseUrl: db.url });
  expect(result.code, "a broken migration must fail the deploy").not.toBe(0);
  return { db, broken, output: result.stdout + result.stderr, schemaBefore, dataBefore };
}

describe("a failing migration", () => {
  it("wrapped in BEGIN/COMMIT leaves schema and data unchanged and is reported until resolved", async () => {
    const { db, broken, output, schemaBefore, dataBefore } = await deployBroken(
      `BEGIN;\n${BROKEN_STATEMENTS}COMMIT;\n`,
    );
    expect(output).toMatch(/missing_column/);
    expect(diffSchemas(schemaBefore, await withClient(db.url, describeSchema))).toEqual([]);
    expect(await withClient(db.url, snapshotData)).toEqual(dataBefore);

    // Prisma records the failure and `migrate status` reports it until it is resolved.
    expect((await appliedMigrations(db.url)).at(-1)).toEqual({ name: BROKEN, finished: false, rolledBack: false });
    const failed = await runPrisma(["migrate", "status", "--schema", broken.schemaPath], { databaseUrl: db.url });
    expect(failed.code).not.toBe(0);
    expect(failed.stdout + failed.stderr).toMatch(new RegExp(`${BROKEN}[\\s\\S]*failed|failed[\\s\\S]*${BROKEN}`));

    // `prisma migrate resolve` needs the native schema engine on 6.19 (not downloadable here), so
    // recovery does by hand what `migrate resolve --rolled-back` records.
    await withClient(db.url, (client) =>
      client.query(
        "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL",
        [BROKEN],
      ),
    );
    const status = await runPrisma(["migrate", "status"], { databaseUrl: db.url });
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect(status.stdout).toMatch(/Database schema is up to date/);
  });

  it("NOT wrapped is left half-applied: prisma migrate deploy does not roll back by itself", async () => {
    // Documents the engine (WASM schema engine + @prisma/adapter-pg run each statement on its
    // own). If this starts failing, Prisma began wrapping migrations in a transaction.
    const { db } = await deployBroken(BROKEN_STATEMENTS);
    const schema = await withClient(db.url, describeSchema);
    expect(schema.tables).toContain("broken_probe");
    expect(schema.columns).toContain("llm_manager_configurations.broken_probe_id integer NULL");
  });
});
