import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient } from "@/lib/db/generated/prisma/client";
import { countStatements } from "@/lib/db/statement-counter";
import { benchSqlCountFile, serverEnv } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";

export type Database = PrismaClient;

// Prisma's default 2 s wait for a transaction's connection failed turn starts (P2028) under a
// burst of streams on a busy machine (the soak test); a short queue is better than a refusal.
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

// The pool under each client: a run's own statements skip Prisma's query engine (lib/db/sql.ts).
// Kept on globalThis like the client itself: Next bundles this module once for route handlers and
// again for pages, and a page must find the pool of the client a route handler created.
const pools = processSingleton("databasePools", () => new WeakMap<Database, Pool>());

function databaseOn(pool: Pool, { ownsPool }: { ownsPool: boolean }): Database {
  // Prisma listens for idle-connection errors only once it connects; a pool used directly before
  // that would crash the process on one.
  pool.on("error", (error) => console.error("idle PostgreSQL connection failed:", error.message));
  // A pool made here ends with `$disconnect()`, as the adapter's own pool did.
  const adapter = new PrismaPg(pool, { disposeExternalPool: ownsPool });
  const db = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  pools.set(db, pool);
  return db;
}

/** Opens a Prisma client on the given PostgreSQL URL (tests and commands pass their own), or on a pool. */
export function createDatabase(connection: string | Pool): Database {
  if (typeof connection === "string") return databaseOn(new Pool({ connectionString: connection }), { ownsPool: true });
  return databaseOn(connection, { ownsPool: false });
}

/** The pg pool under a client made by createDatabase (server-only: for lib/db/sql.ts). */
export function poolOf(db: Database): Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("poolOf: this client was not made by createDatabase");
  return pool;
}

/** The app's client; under `npm run bench` (BENCH_SQL_COUNT_FILE) its statements are counted. */
function createAppDatabase(connectionString: string): Database {
  const pool = new Pool({ connectionString });
  const countFile = benchSqlCountFile();
  if (countFile) countStatements(pool, countFile);
  return databaseOn(pool, { ownsPool: true });
}

/** The app's shared Prisma client, created on first use; one per process, so development reloads do not leak pools. */
export function database(): Database {
  return processSingleton("database", () => createAppDatabase(serverEnv().databaseUrl));
}
