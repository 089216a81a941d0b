import { runPrisma } from "@/lib/boot/prisma-command";

export type MigrationResult = { ok: true; output: string } | { ok: false; output: string; hint: string };

/** Applies pending migrations with `prisma migrate deploy`; `schemaPath` picks another prisma/ folder. */
export async function applyMigrations({
  databaseUrl,
  schemaPath,
}: {
  databaseUrl: string;
  schemaPath?: string;
}): Promise<MigrationResult> {
  const result = await runPrisma(["migrate", "deploy", ...(schemaPath ? ["--schema", schemaPath] : [])], {
    databaseUrl,
  });
  const output = `${result.stdout}${result.stderr}`.trim();
  if (result.code === 0) return { ok: true, output };
  const failedBefore = /P3009|failed migrations/i.test(output);
  // `prisma migrate resolve` needs the native engine, which cannot be downloaded here, so the
  // hint gives the SQL that marks a failed (and, being transactional, rolled back) migration.
  const hint = failedBefore
    ? "An earlier migration is recorded as failed. Our migrations run in one transaction, so it left no changes: fix its cause, then mark it rolled back with `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE finished_at IS NULL AND rolled_back_at IS NULL;` and start again."
    : "Each migration runs in one transaction, so the failed one left no changes and your data is as it was. Fix the cause shown above (or go back to the previous version of the app) and start again.";
  return { ok: false, output: output || "prisma exited without output", hint };
}
