import { writeFileSync } from "node:fs";
import type { Pool, PoolClient } from "pg";

// Bench only (BENCH_SQL_COUNT_FILE): counts every statement the app sends to PostgreSQL, at the
// driver, so `npm run bench` can report SQL statements per run. pg_stat_statements is often not
// loaded, and pg_stat_database counts transactions, not statements. Each `client.query` call is
// one statement (BEGIN and COMMIT included); on SIGUSR2 the total is written to the file.
let statements = 0;

/** Counts the statements of every connection `pool` opens; SIGUSR2 writes `{statements}` to `file`. */
export function countStatements(pool: Pool, file: string): void {
  pool.on("connect", (client: PoolClient) => {
    const query = client.query;
    const counted = function (this: PoolClient, ...args: unknown[]): unknown {
      statements += 1;
      return Reflect.apply(query, this, args);
    };
    client.query = counted as unknown as PoolClient["query"];
  });
  process.on("SIGUSR2", () => writeFileSync(file, JSON.stringify({ statements, at: Date.now() })));
}
