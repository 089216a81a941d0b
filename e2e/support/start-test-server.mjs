// Playwright's webServer command. The work is in test-server.ts (TypeScript, run under tsx like
// the app's own launcher); this wrapper keeps the command a plain `node …` and waits for it.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const server = spawn(path.join(root, "node_modules/.bin/tsx"), [path.join(here, "test-server.ts")], {
  cwd: root,
  stdio: "inherit",
});

// Playwright signals the whole process group; forwarding covers a signal sent to this process alone.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => server.kill(signal));
}
server.once("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
