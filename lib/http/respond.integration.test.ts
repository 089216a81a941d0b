import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/prisma/client";
import { errorResponse } from "@/lib/http/respond";
import { ADMIN_URL_ENV, databaseUrl, DEFAULT_ADMIN_URL } from "@/lib/testing/database";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";

describe("errors from an unreachable database", () => {
  it("become a 503 JSON answer without internals", async () => {
    // A port nothing listens on: the same failure as PostgreSQL being down mid-request.
    const db = createDatabase("postgresql://postgres@127.0.0.1:1/none");
    const error = await db.configuration.findMany().then(
      () => null,
      (caught: unknown) => caught,
    );
    await db.$disconnect();
    expect(error).not.toBeNull();
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("database_unavailable");
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at /);
  });
});

describe("a database too busy to start a transaction", () => {
  const testDatabase = migratedDatabasePerFile();

  it("is a 503 to retry, not a 500", async () => {
    // One connection, held by a slow transaction: the next one cannot start within its wait.
    const name =
      (await testDatabase.db().$queryRaw<Array<{ name: string }>>`SELECT current_database()::text AS name`)[0]?.name ??
      "";
    const busy = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: databaseUrl(process.env[ADMIN_URL_ENV] ?? DEFAULT_ADMIN_URL, name),
        max: 1,
      }),
    });
    try {
      const holding = busy.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(1)`, { timeout: 5_000 });
      const error = await busy
        .$transaction(async (tx) => tx.$executeRaw`SELECT 1`, { maxWait: 100 })
        .then(
          () => null,
          (caught: unknown) => caught,
        );
      await holding;
      const response = errorResponse(error);
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("database_unavailable");
    } finally {
      await busy.$disconnect();
    }
  });
});
