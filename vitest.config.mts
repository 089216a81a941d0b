import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const repoRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": repoRoot,
      // Tests import server modules directly; the marker package throws outside the react-server condition.
      "server-only": `${repoRoot}node_modules/server-only/empty.js`,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.{ts,tsx}", "components/**/*.test.{ts,tsx}", "prisma/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/*.integration.test.{ts,tsx}"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["lib/**/*.integration.test.ts", "prisma/**/*.integration.test.ts"],
          exclude: ["**/node_modules/**"],
          // Real PostgreSQL and the Prisma CLI: a small pool and generous timeouts.
          globalSetup: ["lib/testing/integration-global-setup.ts"],
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
