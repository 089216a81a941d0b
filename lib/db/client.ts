import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/prisma/client";
import { serverEnv } from "@/lib/env";

export type Database = PrismaClient;

/** Opens a Prisma client on the given PostgreSQL URL (tests and commands pass their own). */
export function createDatabase(connectionString: string): Database {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

// One client per process, kept on globalThis so development reloads do not leak pools.
const globalForDatabase = globalThis as unknown as { llmManagerDatabase?: Database };

/** The app's shared Prisma client, created on first use. */
export function database(): Database {
  globalForDatabase.llmManagerDatabase ??= createDatabase(serverEnv().databaseUrl);
  return globalForDatabase.llmManagerDatabase;
}
