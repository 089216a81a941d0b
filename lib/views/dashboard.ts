import type { Principal } from "@/lib/auth/policy";
import { database, type Database } from "@/lib/db/client";
import { countRunsByConfigurationSince } from "@/lib/db/configuration-usage";
import { listConfigurations } from "@/lib/db/configurations";
import { listLatestConnectionTestsByConfiguration } from "@/lib/db/connection-tests";
import type { DashboardConfiguration } from "@/lib/contracts/configurations";
import { toLastTest, toPublicConfiguration } from "@/lib/views/configurations";

/** Midnight at the start of the server's current day. */
function startOfToday(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** Every active configuration with its newest connection test and the replies `runsVisibleTo` may see started on it since `since`; key details only `forAdmin`. */
export async function listDashboardConfigurations({
  db = database(),
  since = startOfToday(),
  forAdmin = false,
  runsVisibleTo,
}: {
  db?: Database;
  since?: Date;
  forAdmin?: boolean;
  runsVisibleTo: Principal;
}): Promise<DashboardConfiguration[]> {
  const configurations = await listConfigurations({ db });
  const ids = configurations.map((row) => row.id);
  const [tests, runs] = await Promise.all([
    listLatestConnectionTestsByConfiguration({ db, configurationIds: ids }),
    countRunsByConfigurationSince({ db, since, visibleTo: runsVisibleTo }),
  ]);
  return configurations.map((row) => {
    const test = tests.get(row.id);
    return {
      ...toPublicConfiguration(row, { forAdmin }),
      lastTest: test ? toLastTest(test) : null,
      runsToday: runs.get(row.id) ?? 0,
    };
  });
}
