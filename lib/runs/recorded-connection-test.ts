import { createConnectionTest, toConnectionTestSummary, type ConnectionTestSummary } from "@/lib/db/connection-tests";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { testConnection, type CapabilityReport } from "@/lib/runs/connection-test";
import { connectionFor } from "@/lib/runs/start-run";

/** Runs the connection test of a saved configuration and keeps its outcome for the dashboard. */
export async function testAndRecordConnection({ configuration }: { configuration: Configuration }): Promise<{ report: CapabilityReport; lastTest: ConnectionTestSummary }> {
  const report = await testConnection(connectionFor(configuration));
  const saved = await createConnectionTest({ configurationId: configuration.id, report });
  return { report, lastTest: toConnectionTestSummary(saved) };
}
