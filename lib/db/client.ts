import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient } from "@/lib/db/generated/prisma/client";
import { countStatements } from "@/lib/db/statement-counter";
import { serverEnv } from "@/lib/env";

export type Database = PrismaClient;

// Prisma's default 2 s wait for a transaction's connection failed turn starts (P2028) under a
// burst of streams on a busy machine (the soak test); a short queue is better than a refusal.
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

/** Opens a Prisma client on the given PostgreSQL URL (tests and commands pass their own), or on a pool. */
export function createDatabase(connection: string | Pool): Database {
  const adapter = typeof connection === "string" ? new PrismaPg({ connectionString: connection }) : new PrismaPg(connection);
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
}

/** The app's client; under `npm run bench` (BENCH_SQL_COUNT_FILE) its statements are counted. */
function createAppDatabase(connectionString: string): Database {
  const countFile = process.env.BENCH_SQL_COUNT_FILE;
  if (!countFile) return createDatabase(connectionString);
  const pool = new Pool({ connectionString });
  countStatements(pool, countFile);
  return createDatabase(pool);
}

// One client per process, kept on globalThis so development reloads do not leak pools.
const globalForDatabase = globalThis as unknown as { llmManagerDatabase?: Database };

/** The app's shared Prisma client, created on first use. */
export function database(): Database {
  globalForDatabase.llmManagerDatabase ??= createAppDatabase(serverEnv().databaseUrl);
  return globalForDatabase.llmManagerDatabase;
}
