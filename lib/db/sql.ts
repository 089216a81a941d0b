// A run's own statements (configuration lookup, start, partial and final saves) go straight to
// the client's pg pool: Prisma's query compiler and request pipeline cost about 1 ms CPU per typed
// query and 0.3 ms per raw one, pg's Pool.query about 0.1 ms. Everything else stays on Prisma.
import { types, type QueryConfig } from "pg";
import type { z } from "zod";
import { poolOf, type Database } from "@/lib/db/client";

// Prisma reads `timestamp(3)` (no time zone) as UTC; pg would read it in the process's time zone.
function utcTimestamp(value: string): Date {
  return new Date(`${value.replace(" ", "T")}Z`);
}

const PRISMA_LIKE_TYPES: QueryConfig["types"] = {
  // pg-types declares a parser as `any`: `unknown` says as much without spreading it.
  getTypeParser: (id, format): unknown =>
    id === types.builtins.TIMESTAMP && format !== "binary" ? utcTimestamp : types.getTypeParser(id, format),
};

/** Runs one parameterised statement ($1…) on the client's pool; each row is checked by `schema`. */
export async function queryRows<Row>(
  db: Database,
  text: string,
  values: unknown[],
  schema: z.ZodType<Row>,
): Promise<Row[]> {
  const result = await poolOf(db).query({ text, values, types: PRISMA_LIKE_TYPES });
  return result.rows.map((row: unknown) => schema.parse(row));
}

/** Runs one parameterised statement ($1…) on the client's pool; resolves to the rows it touched. */
export async function execute(db: Database, text: string, values: unknown[]): Promise<number> {
  const result = await poolOf(db).query({ text, values });
  return result.rowCount ?? 0;
}
