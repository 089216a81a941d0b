// A normalized, order-independent description of a database's `public` schema, read from the
// catalogs (pg_dump here is older than the embedded server), for comparing two databases.
import type pg from "pg";

export type SchemaDescription = Record<string, string[]>;
export type SchemaDifference = { category: string; onlyInFirst: string[]; onlyInSecond: string[] };

const IGNORED_TABLE = "_prisma_migrations";

// Every query returns one text column `entry`; $1 is Prisma's bookkeeping table, left out.
const QUERIES: Record<string, string> = {
  tables: `
    SELECT c.relname AS entry FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> $1`,
  columns: `
    SELECT format('%s.%s %s%s%s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                  CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END,
                  coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), ''),
                  CASE WHEN a.attidentity::text <> '' THEN ' IDENTITY ' || a.attidentity::text
                       WHEN a.attgenerated::text <> '' THEN ' GENERATED ' || a.attgenerated::text ELSE '' END) AS entry
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
      AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> $1`,
  enums: `
    SELECT t.typname || ' = ' || string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) AS entry
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE t.typnamespace = 'public'::regnamespace
    GROUP BY t.typname`,
  indexes: `
    SELECT indexname || ': ' || indexdef AS entry FROM pg_indexes
    WHERE schemaname = 'public' AND tablename <> $1`,
  constraints: `
    SELECT format('%s.%s [%s] %s', c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid)) AS entry
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> $1`,
  sequences: `
    SELECT format('%s %s start %s by %s min %s max %s cycle %s', sequencename, data_type, start_value,
                  increment_by, min_value, max_value, cycle) AS entry
    FROM pg_sequences WHERE schemaname = 'public'`,
  views: `
    SELECT viewname || ': ' || definition AS entry FROM pg_views
    WHERE schemaname = 'public'`,
  triggers: `
    SELECT pg_get_triggerdef(t.oid) AS entry FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace AND c.relname <> $1`,
  functions: `
    SELECT pg_get_functiondef(p.oid) AS entry FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')`,
  extensions: `
    SELECT extname AS entry FROM pg_extension WHERE extname <> 'plpgsql'`,
};

export async function describeSchema(client: pg.Client): Promise<SchemaDescription> {
  const description: SchemaDescription = {};
  for (const [category, sql] of Object.entries(QUERIES)) {
    const parameters = sql.includes("$1") ? [IGNORED_TABLE] : [];
    const { rows } = await client.query<{ entry: string }>(sql, parameters);
    description[category] = rows.map((row) => row.entry).sort();
  }
  return description;
}

/** Entries present on one side only, per category; empty when the schemas agree. */
export function diffSchemas(first: SchemaDescription, second: SchemaDescription): SchemaDifference[] {
  const categories = [...new Set([...Object.keys(first), ...Object.keys(second)])].sort();
  return categories
    .map((category) => {
      const left = first[category] ?? [];
      const right = second[category] ?? [];
      return {
        category,
        onlyInFirst: left.filter((entry) => !right.includes(entry)),
        onlyInSecond: right.filter((entry) => !left.includes(entry)),
      };
    })
    .filter((difference) => difference.onlyInFirst.length > 0 || difference.onlyInSecond.length > 0);
}

/** Every row of every table (Prisma's bookkeeping excluded), as JSON text in primary-key order. */
export async function snapshotData(client: pg.Client): Promise<Record<string, string[]>> {
  const { rows: tables } = await client.query<{ relname: string }>(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> $1
     ORDER BY relname`,
    [IGNORED_TABLE],
  );
  const snapshot: Record<string, string[]> = {};
  for (const { relname } of tables) {
    const quoted = `"${relname.replaceAll('"', '""')}"`;
    const { rows } = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${quoted} t ORDER BY 1`);
    snapshot[relname] = rows.map((row) => row.row);
  }
  return snapshot;
}
