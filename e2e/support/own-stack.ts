// A spec's own stack (not the suite's web server): e2e/support/stack-server.ts under tsx in its own
// process, since its helpers are ES modules Playwright cannot import.
import { spawn } from "node:child_process";
import path from "node:path";

/** `setupCode`: the one-time code the first app's launcher printed (a stack without admin), else null. */
export type OwnStack = { apps: string[]; simulatorUrl: string; setupCode: string | null; stop: () => Promise<void> };

/** Starts the stack with `env` (STACK_PORTS, STACK_WITHOUT_ADMIN, REDIS_URL...) and waits until every app answers. */
export function startOwnStack(env: Record<string, string>): Promise<OwnStack> {
  const root = path.resolve(__dirname, "../..");
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["e2e/support/stack-server.ts"], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
      const ready = /^ready (\{.*\})$/mu.exec(output);
      if (ready?.[1])
        resolve({
          ...(JSON.parse(ready[1]) as { apps: string[]; simulatorUrl: string; setupCode: string | null }),
          stop,
        });
    });
    void exited.then(() => reject(new Error(`the stack exited before it was ready:\n${output}`)));
  });
}
