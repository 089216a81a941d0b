import { database, type Database } from "@/lib/db/client";
import type { ConnectionTest, Prisma } from "@/lib/db/generated/prisma/client";

/** A stored connection test as clients see it: the verdict, its latency and when it ran. */
export type ConnectionTestSummary = {
  ok: boolean;
  firstTokenLatencyMs: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  testedAt: string;
};

/** What this module needs of lib/runs' capability report (data access does not import upwards). */
export type TestOutcome = { streams: boolean; firstTokenLatencyMs: number | null; error: { code: string; message: string } | null };

/** A test passed when the probe streamed and nothing failed along the way. */
export function reportPassed(report: TestOutcome): boolean {
  return report.streams && report.error === null;
}

export function toConnectionTestSummary(row: ConnectionTest): ConnectionTestSummary {
  return { ok: row.ok, firstTokenLatencyMs: row.firstTokenLatencyMs, errorCode: row.errorCode, errorMessage: row.errorMessage, testedAt: row.createdAt.toISOString() };
}

/** Saves the outcome of one connection test of a configuration. */
export async function createConnectionTest({ db = database(), configurationId, report }: { db?: Database; configurationId: number; report: TestOutcome }): Promise<ConnectionTest> {
  return db.connectionTest.create({
    data: {
      configurationId,
      ok: reportPassed(report),
      firstTokenLatencyMs: report.firstTokenLatencyMs,
      errorCode: report.error?.code ?? null,
      errorMessage: report.error?.message ?? null,
      report: report as unknown as Prisma.InputJsonValue,
    },
  });
}

/** The newest test of each given configuration, keyed by configuration id. */
export async function listLatestConnectionTestsByConfiguration({ db = database(), configurationIds }: { db?: Database; configurationIds: number[] }): Promise<Map<number, ConnectionTest>> {
  if (configurationIds.length === 0) return new Map();
  const rows = await db.connectionTest.findMany({
    where: { configurationId: { in: configurationIds } },
    distinct: ["configurationId"],
    orderBy: [{ configurationId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  return new Map(rows.map((row) => [row.configurationId, row]));
}
