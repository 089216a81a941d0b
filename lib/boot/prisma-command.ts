import { spawnSync } from "node:child_process";
import path from "node:path";

/** Runs a Prisma CLI command against a database, capturing its output. */
export function runPrisma(args: string[], databaseUrl: string): { status: number | null; output: string; error?: Error | undefined } {
  const root = process.cwd();
  const result = spawnSync(
    process.execPath,
    ["-r", path.join(root, "lib", "boot", "unref-long-timers.cjs"), path.join(root, "node_modules", "prisma", "build", "index.js"), ...args],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      encoding: "utf8",
      timeout: 5 * 60_000,
    },
  );
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim(), error: result.error };
}
