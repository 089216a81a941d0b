import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const DEFAULT_SIMULATOR_PORT = 4010;

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/__simulator/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Starts the provider simulator (lib/simulator) as its own process on 127.0.0.1, so the demo
 * configurations stream at once. Reuses one that already answers on the port.
 */
export async function startSimulator(port = DEFAULT_SIMULATOR_PORT): Promise<{ url: string; stop: () => void }> {
  const url = `http://127.0.0.1:${port}`;
  if (await healthy(url)) return { url, stop: () => undefined };
  const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
  const child: ChildProcess = spawn(
    process.execPath,
    [tsx, path.join("lib", "simulator", "main.ts"), "--port", String(port)],
    {
      stdio: ["ignore", "inherit", "inherit"],
      env: process.env,
    },
  );
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await healthy(url)) return { url, stop: () => child.kill("SIGTERM") };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGTERM");
  throw new Error(
    `the provider simulator did not start on port ${port}. Set SIMULATOR_PORT to a free port, or LLMM_SIMULATOR=0 to run without it.`,
  );
}
