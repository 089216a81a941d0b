import { runPrisma } from "@/lib/boot/prisma-command";

export type MigrationResult = { ok: true; output: string } | { ok: false; output: string; hint: string };

/** Applies pending migrations with `prisma migrate deploy` (WebAssembly engine, see prisma.config.ts). */
export function applyMigrations(databaseUrl: string): MigrationResult {
  const result = runPrisma(["migrate", "deploy"], databaseUrl);
  if (result.status === 0) return { ok: true, output: result.output };
  const failedBefore = /P3009|failed migrations/i.test(result.output);
  const hint = failedBefore
    ? "An earlier migration is recorded as failed. Each migration runs in one transaction, so a failed one left no changes: fix its cause, then run `npx prisma migrate resolve --rolled-back <migration name>` and start again."
    : "Each migration runs in one transaction, so the failed one left no changes and your data is as it was. Fix the cause shown above (or restore the previous version of the app) and start again.";
  return { ok: false, output: result.output || String(result.error ?? "prisma exited without output"), hint };
}
