import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/lib/simulator/server";
import type { RequestActor } from "@/lib/auth/request-actor";
import { applyMigrations } from "@/lib/boot/migrate";
import { sealSecretsAtStart } from "@/lib/boot/seal-secrets";
import { sealLegacy } from "@/lib/crypto/secret-box";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { createDatabase, database, type Database } from "@/lib/db/client";
import { redactAuditChanges } from "@/lib/db/audit-redaction";
import { storedHeaders, openApiKey } from "@/lib/crypto/configuration-secrets";
import { getConfigurationByKey } from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";
import { streamPrompt } from "@/lib/runs/stream-run";
import { pointAppEnvAt, TEST_ENCRYPTION_KEY } from "@/lib/testing/app-env";
import { createTestDatabase, migrateDatabase, withClient, type TestDatabase } from "@/lib/testing/database";
import { createMigrationWorkspace, migrationNames, type MigrationWorkspace } from "@/lib/testing/migration-workspace";
import { streamRequestSchema } from "@/lib/validation/stream";

// A database of the release before header sealing: values in clear, a v1 (no AAD) API key, and
// audit entries holding header values. Migrating and starting must leave it sealed and working.
const SEALING_MIGRATION = "20261201100000_seal_extra_headers";
let testDatabase: TestDatabase;
let workspace: MigrationWorkspace;
let db: Database;
let simulator: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  simulator = await startSimulator();
  testDatabase = await createTestDatabase();
  const names = await migrationNames();
  workspace = await createMigrationWorkspace({ migrations: names.slice(0, names.indexOf(SEALING_MIGRATION)) });
  await migrateDatabase(testDatabase.url, workspace.schemaPath);
  pointAppEnvAt(testDatabase.url);
  db = createDatabase(testDatabase.url);
});

afterAll(async () => {
  await db.$disconnect();
  await database().$disconnect();
  await testDatabase.drop();
  await workspace.cleanup();
  await simulator.close();
});

const actor: RequestActor = { ...SYSTEM_ACTOR, userId: null, tokenId: null, role: "admin", via: "token" };
const headers = { "X-Simulator-Tag": "legacy-sealed", "Ocp-Apim-Subscription-Key": "apim-SECRET-5678" };

describe("starting on a database from before header sealing", () => {
  it("seals header values and the old-format key before serving, once, and the configuration still streams", async () => {
    const key = Buffer.from(TEST_ENCRYPTION_KEY, "base64");
    await withClient(testDatabase.url, async (client) => {
      await client.query(
        `INSERT INTO llm_manager_configurations (id, slug, name, provider, model, base_url, api_key_encrypted, api_key_last_four, extra_headers, updated_at)
         VALUES (1, 'legacy', 'Legacy', 'openai', 'gpt-4o-mini', $1, $2, '0001', $3, now()), (2, 'bare', 'Bare', 'ollama', 'qwen3', NULL, NULL, NULL, '{}', now())`,
        [`${simulator.url}/openai/v1`, sealLegacy("sk-legacy-0001", key), JSON.stringify(headers)],
      );
      await client.query(`SELECT setval(pg_get_serial_sequence('llm_manager_configurations', 'id'), 2)`);
      await client.query(
        `INSERT INTO audit_logs (actor_label, action, entity_type, entity_id, changes) VALUES ('admin', 'configuration.create', 'configuration', '1', $1)`,
        [
          JSON.stringify({
            name: { from: null, to: "Legacy" },
            extraHeaders: {
              from: null,
              to: { "Ocp-Apim-Subscription-Key": "apim-SECRET-5678", "X-Auth": "•••• 9999" },
            },
          }),
        ],
      );
    });

    const migration = await applyMigrations({ databaseUrl: testDatabase.url });
    expect(migration.ok, migration.output).toBe(true);
    // The migration scrubbed the audit log; the values wait in clear, aside, for the launcher.
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: "1" } });
    expect(audit.changes).toEqual({
      name: { from: null, to: "Legacy" },
      extraHeaders: { from: null, to: { "Ocp-Apim-Subscription-Key": "(set)", "X-Auth": "(set)" } },
    });
    expect(redactAuditChanges(audit.changes)).toEqual(audit.changes);

    expect(await sealSecretsAtStart()).toBe("3 stored secret value(s) sealed under the current APP_ENCRYPTION_KEY");
    expect(await sealSecretsAtStart()).toBeNull();

    const dump = await db.$queryRawUnsafe<Array<{ dump: string }>>(
      "SELECT (SELECT json_agg(c)::text FROM llm_manager_configurations c) || (SELECT json_agg(a)::text FROM audit_logs a) AS dump",
    );
    expect(dump[0]?.dump).not.toContain("apim-SECRET");
    expect(dump[0]?.dump).not.toContain("legacy-sealed");
    const row = await getConfigurationByKey({ db, key: "legacy" });
    expect(row.legacyExtraHeaders).toBeNull();
    expect(row.apiKeyEncrypted?.startsWith("v2:")).toBe(true);
    expect(openApiKey(row)).toBe("sk-legacy-0001");
    expect(storedHeaders(row).map((header) => header.name)).toEqual(["X-Simulator-Tag", "Ocp-Apim-Subscription-Key"]);
    expect(toPublicConfiguration(row, { forAdmin: true }).extraHeaders).toEqual([
      { name: "X-Simulator-Tag", hasValue: true, lastFour: "aled" },
      { name: "Ocp-Apim-Subscription-Key", hasValue: true, lastFour: "5678" },
    ]);
    expect((await getConfigurationByKey({ db, key: "bare" })).extraHeaders).toEqual([]);

    const input = streamRequestSchema.parse({ configuration: "legacy", prompt: "Still there?" });
    const text = await (
      await streamPrompt({ request: new Request("http://app.test/api/stream"), actor, input })
    ).text();
    expect(text).toContain('"type":"done"');
    const upstream = simulator.requests().find((request) => request.tag === "legacy-sealed");
    expect(upstream?.headers["ocp-apim-subscription-key"]).toBe("apim-SECRET-5678");
    expect(upstream?.headers.authorization).toBe("Bearer ****0001");
  });
});
