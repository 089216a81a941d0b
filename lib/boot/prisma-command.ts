import { spawn } from "node:child_process";
import path from "node:path";

export type CommandResult = { code: number; stdout: string; stderr: string };

/**
 * Runs the Prisma CLI from the repository root (so prisma.config.ts and its WebAssembly engine
 * apply) against `databaseUrl`, with the preload that stops it idling 10 s after its work.
 */
export function runPrisma(
  args: string[],
  options: { databaseUrl: string; timeoutMs?: number },
): Promise<CommandResult> {
  const root = process.cwd();
  const preload = path.join(root, "lib", "boot", "unref-long-timers.cjs");
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", preload, cli, ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 5 * 60_000);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}
