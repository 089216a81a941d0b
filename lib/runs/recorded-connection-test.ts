import type { Actor } from "@/lib/db/actor";
import type { CapabilityReport, LastTest } from "@/lib/contracts/configurations";
import { createConnectionTest } from "@/lib/db/connection-tests";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { testConnection } from "@/lib/runs/connection-test";
import { recordKeyUse, sendsStoredSecret } from "@/lib/runs/key-use-audit";
import { connectionFor } from "@/lib/runs/start-run";
import { toLastTest } from "@/lib/views/configurations";

/** Runs the connection test of a saved configuration (its stored key use audited) and keeps its outcome for the dashboard. */
export async function testAndRecordConnection({
  configuration,
  actor,
}: {
  configuration: Configuration;
  actor: Actor;
}): Promise<{ report: CapabilityReport; lastTest: LastTest }> {
  const connection = connectionFor(configuration);
  if (sendsStoredSecret(connection))
    await recordKeyUse({
      actor,
      configurationId: configuration.id,
      baseUrl: connection.baseUrl,
      purpose: "connection test",
    });
  const report = await testConnection(connection);
  const saved = await createConnectionTest({ configurationId: configuration.id, report });
  return { report, lastTest: toLastTest(saved) };
}
