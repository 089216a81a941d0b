import { dataDir } from "@/lib/boot/data-dir";
import { embeddedDatabaseUrl, embeddedPort, portInUse, startEmbeddedPostgres } from "@/lib/boot/embedded-postgres";
import { applySecrets, loadOrCreateSecrets } from "@/lib/boot/secrets";
import { createDatabase, type Database } from "@/lib/db/client";

/**
 * Runs a command's work against the app's database: DATABASE_URL when set, otherwise the
 * embedded PostgreSQL — the running app's if it is up, else started just for the command.
 * `dir` is the data directory in the embedded mode, null otherwise.
 */
export async function withDatabase<T>(work: (db: Database, dir: string | null) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) {
    applySecrets({ embedded: false, generated: null });
    const db = createDatabase(process.env.DATABASE_URL);
    try {
      return await work(db, null);
    } finally {
      await db.$disconnect();
    }
  }
  const dir = dataDir();
  const secrets = loadOrCreateSecrets(dir);
  applySecrets({ embedded: true, generated: secrets });
  const port = embeddedPort();
  const running = (await portInUse(port))
    ? null
    : await startEmbeddedPostgres({ dataDir: dir, password: secrets.postgresPassword, port });
  const url = running?.url ?? embeddedDatabaseUrl({ password: secrets.postgresPassword, port });
  process.env.DATABASE_URL = url;
  const db = createDatabase(url);
  try {
    return await work(db, dir);
  } finally {
    await db.$disconnect();
    await running?.stop();
    delete process.env.DATABASE_URL;
  }
}
