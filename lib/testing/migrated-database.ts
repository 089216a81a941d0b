// Test-only: one migrated throwaway database per test file, with the app's environment pointed
// at it and a Prisma client on it; dropped after the file.
import { afterAll, beforeAll } from "vitest";
import { createDatabase, database, type Database } from "@/lib/db/client";
import { pointAppEnvAt } from "@/lib/testing/app-env";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";

/** Registers the file's database hooks; call `db()` inside tests. */
export function migratedDatabasePerFile(): { db: () => Database } {
  let testDatabase: TestDatabase | undefined;
  let client: Database | undefined;
  beforeAll(async () => {
    testDatabase = await createTestDatabase({ migrate: true });
    pointAppEnvAt(testDatabase.url);
    client = createDatabase(testDatabase.url);
  });
  afterAll(async () => {
    await client?.$disconnect();
    await database().$disconnect();
    await testDatabase?.drop();
  });
  return {
    db: () => {
      if (!client) throw new Error("migratedDatabasePerFile: the database is created in beforeAll");
      return client;
    },
  };
}
