// The turn-authors and run-ids migration on a database that already holds conversations: user
// turns and replies are credited to their conversation's creator, replies get a random run id.
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, migrateDatabase, withClient } from "../lib/testing/database";
import { createMigrationWorkspace, migrationNames } from "@/lib/testing/migration-workspace";

const THIS_MIGRATION = "20261201300000_turn_authors_and_run_ids";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("upgrading to turn authors and run ids", () => {
  it("credits existing turns to the conversation's creator and gives every reply a unique random run id", async () => {
    const db = await createTestDatabase({ migrate: false });
    cleanups.push(db.drop);
    const earlier = (await migrationNames()).filter((name) => name < THIS_MIGRATION);
    const workspace = await createMigrationWorkspace({ migrations: earlier });
    cleanups.push(workspace.cleanup);
    await migrateDatabase(db.url, workspace.schemaPath);

    await withClient(db.url, async (client) => {
      await client.query(
        `INSERT INTO users (id, email, password_hash, role) VALUES (1, 'admin@example.test', 'x', 'admin'), (2, 'viewer@example.test', 'x', 'viewer')`,
      );
      await client.query(
        `INSERT INTO conversations (id, title, created_by_id) VALUES (10, 'viewer''s', 2), (11, 'system''s', NULL)`,
      );
      await client.query(
        `INSERT INTO messages (conversation_id, role, content, status) VALUES
           (10, 'user', 'q1', 'complete'), (10, 'assistant', 'a1', 'complete'), (10, 'system', 's', 'complete'),
           (11, 'user', 'q2', 'complete'), (11, 'assistant', 'a2', 'aborted')`,
      );
    });
    await migrateDatabase(db.url);

    await withClient(db.url, async (client) => {
      const { rows } = await client.query<{ content: string; created_by_id: number | null; run_id: string | null }>(
        "SELECT content, created_by_id, run_id FROM messages ORDER BY id",
      );
      expect(rows.map((row) => [row.content, row.created_by_id])).toEqual([
        ["q1", 2],
        ["a1", 2],
        ["s", null],
        ["q2", null],
        ["a2", null],
      ]);
      const runIds = rows.filter((row) => row.content.startsWith("a")).map((row) => row.run_id);
      for (const runId of runIds) expect(runId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(new Set(runIds).size).toBe(2);
      expect(rows.filter((row) => !row.content.startsWith("a")).map((row) => row.run_id)).toEqual([null, null, null]);
      // Unique: a second reply cannot take a run's id.
      await expect(
        client.query(`INSERT INTO messages (conversation_id, role, run_id) VALUES (10, 'assistant', $1)`, [runIds[0]]),
      ).rejects.toMatchObject({ code: "23505" });
    });
  });
});
