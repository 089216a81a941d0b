// Vitest global setup of the `integration` project: one PostgreSQL server for the whole run
// (TEST_DATABASE_URL, the local server, or an embedded one) and one database migrated with
// `prisma migrate deploy`, which `createTestDatabase({ migrate: true })` clones in milliseconds.
import {
  acquireAdminServer,
  ADMIN_URL_ENV,
  createTestDatabase,
  dropStaleTestDatabases,
  TEMPLATE_DB_ENV,
} from "@/lib/testing/database";

export default async function setup(): Promise<() => Promise<void>> {
  delete process.env[ADMIN_URL_ENV];
  delete process.env[TEMPLATE_DB_ENV];
  const server = await acquireAdminServer();
  console.log(`[integration] PostgreSQL from ${server.source}: ${new URL(server.url).host}`);
  const stale = await dropStaleTestDatabases(server.url);
  if (stale.length > 0) console.log(`[integration] dropped ${stale.length} leftover test database(s)`);

  const template = await createTestDatabase({ migrate: true, prefix: "llmm_template", serverUrl: server.url });
  // Workers are started after this function returns and inherit these variables.
  process.env[ADMIN_URL_ENV] = server.url;
  process.env[TEMPLATE_DB_ENV] = template.name;

  return async () => {
    await template.drop().catch((error: unknown) => console.error("[integration] template drop failed:", error));
    await server.release();
  };
}
