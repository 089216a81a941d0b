// Temporary copies of prisma/ (schema plus a chosen subset of the migrations, optionally with
// extra ones) for running `prisma migrate deploy --schema <copy>/schema.prisma`.
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "@/lib/testing/database";

const PRISMA_DIR = path.join(REPO_ROOT, "prisma");
const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

export type MigrationWorkspace = { schemaPath: string; cleanup: () => Promise<void> };

/** Names of the project's migration folders, oldest first. */
export async function migrationNames(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export async function createMigrationWorkspace(options: {
  migrations: string[];
  extra?: Record<string, string>;
}): Promise<MigrationWorkspace> {
  const dir = await mkdtemp(path.join(tmpdir(), "llmm-migrations-"));
  const target = path.join(dir, "migrations");
  await mkdir(target);
  await cp(path.join(PRISMA_DIR, "schema.prisma"), path.join(dir, "schema.prisma"));
  await cp(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(target, "migration_lock.toml"));
  for (const name of options.migrations) {
    await cp(path.join(MIGRATIONS_DIR, name), path.join(target, name), { recursive: true });
  }
  for (const [name, sql] of Object.entries(options.extra ?? {})) {
    await mkdir(path.join(target, name));
    await writeFile(path.join(target, name, "migration.sql"), sql);
  }
  return { schemaPath: path.join(dir, "schema.prisma"), cleanup: () => rm(dir, { recursive: true, force: true }) };
}
