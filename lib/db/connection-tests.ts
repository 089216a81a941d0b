import { z } from "zod";
import { database, type Database } from "@/lib/db/client";
import type { ConnectionTest } from "@/lib/db/generated/prisma/client";

/** What this module needs of lib/runs' capability report (data access does not import upwards). */
export type TestOutcome = {
  streams: boolean;
  firstTokenLatencyMs: number | null;
  error: { code: string; message: string } | null;
};

/** A test passed when the probe streamed and nothing failed along the way. */
function reportPassed(report: TestOutcome): boolean {
  return report.streams && report.error === null;
}

/** Saves the outcome of one connection test of a configuration. */
export async function createConnectionTest({
  db = database(),
  configurationId,
  report,
}: {
  db?: Database;
  configurationId: number;
  report: TestOutcome;
}): Promise<ConnectionTest> {
  return db.connectionTest.create({
    data: {
      configurationId,
      ok: reportPassed(report),
      firstTokenLatencyMs: report.firstTokenLatencyMs,
      errorCode: report.error?.code ?? null,
      errorMessage: report.error?.message ?? null,
      report,
    },
  });
}

const latestRowSchema = z
  .object({
    id: z.number().int(),
    configuration_id: z.number().int(),
    ok: z.boolean(),
    first_token_latency_ms: z.number().int().nullable(),
    error_code: z.string().nullable(),
    error_message: z.string().nullable(),
    report: z.json(),
    created_at: z.date(),
  })
  .transform((row): ConnectionTest => ({
    id: row.id,
    configurationId: row.configuration_id,
    ok: row.ok,
    firstTokenLatencyMs: row.first_token_latency_ms,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    report: row.report,
    createdAt: row.created_at,
  }));

/** The newest test of each given configuration, keyed by configuration id. */
export async function listLatestConnectionTestsByConfiguration({
  db = database(),
  configurationIds,
}: {
  db?: Database;
  configurationIds: number[];
}): Promise<Map<number, ConnectionTest>> {
  if (configurationIds.length === 0) return new Map();
  // DISTINCT ON reads one row per configuration through the index; Prisma's `distinct` would fetch every test.
  const rows: unknown = await db.$queryRaw`
    SELECT DISTINCT ON (configuration_id) id, configuration_id, ok, first_token_latency_ms, error_code, error_message, report, created_at
    FROM connection_tests
    WHERE configuration_id = ANY(${configurationIds}::int[])
    ORDER BY configuration_id, created_at DESC, id DESC`;
  return new Map(
    z
      .array(latestRowSchema)
      .parse(rows)
      .map((test) => [test.configurationId, test]),
  );
}
