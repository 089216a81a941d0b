import { database, type Database } from "@/lib/db/client";
import type { ConnectionTest, Prisma } from "@/lib/db/generated/prisma/client";

/** What this module needs of lib/runs' capability report (data access does not import upwards). */
export type TestOutcome = {
  streams: boolean;
  firstTokenLatencyMs: number | null;
  error: { code: string; message: string } | null;
};

/** A test passed when the probe streamed and nothing failed along the way. */
export function reportPassed(report: TestOutcome): boolean {
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

type LatestRow = {
  id: number;
  configuration_id: number;
  ok: boolean;
  first_token_latency_ms: number | null;
  error_code: string | null;
  error_message: string | null;
  report: Prisma.JsonValue;
  created_at: Date;
};

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
  const rows = await db.$queryRaw<LatestRow[]>`
    SELECT DISTINCT ON (configuration_id) id, configuration_id, ok, first_token_latency_ms, error_code, error_message, report, created_at
    FROM connection_tests
    WHERE configuration_id = ANY(${configurationIds}::int[])
    ORDER BY configuration_id, created_at DESC, id DESC`;
  return new Map(
    rows.map((row) => [
      row.configuration_id,
      {
        id: row.id,
        configurationId: row.configuration_id,
        ok: row.ok,
        firstTokenLatencyMs: row.first_token_latency_ms,
        errorCode: row.error_code,
        errorMessage: row.error_message,
        report: row.report,
        createdAt: row.created_at,
      },
    ]),
  );
}
