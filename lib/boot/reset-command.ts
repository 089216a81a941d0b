// `npm run db:reset` (development only): drops every table, migrates from scratch and seeds.
// With DATABASE_URL it refuses unless given --yes-drop-everything.
import { ensureFirstAdmin } from "@/lib/boot/first-admin";
import { fail, say } from "@/lib/boot/log";
import { applyMigrations } from "@/lib/boot/migrate";
import { seedDemoConfigurations } from "@/lib/boot/seed";
import { withDatabase } from "@/lib/boot/with-database";
import { errorMessage } from "@/lib/errors";

if (process.env.DATABASE_URL && !process.argv.includes("--yes-drop-everything")) {
  fail(
    "db:reset drops every table of DATABASE_URL's database.",
    "It is meant for development. If that is really what you want: npm run db:reset -- --yes-drop-everything",
  );
}

withDatabase(async (db) => {
  await db.$executeRawUnsafe("DROP SCHEMA public CASCADE");
  await db.$executeRawUnsafe("CREATE SCHEMA public");
  const url = process.env.DATABASE_URL ?? fail("no database URL");
  const migration = await applyMigrations({ databaseUrl: url });
  if (!migration.ok) fail(`migrations failed after the reset:\n${migration.output}`, migration.hint);
  say("database reset and migrated");
  say(`demo configurations added: ${await seedDemoConfigurations({ db })}`);
  say((await ensureFirstAdmin({ db })).message);
}).catch((error: unknown) => fail(errorMessage(error)));
