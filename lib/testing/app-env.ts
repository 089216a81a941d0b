// Test-only: the environment the app's server modules read (lib/env.ts), with fixed test secrets.
import { randomBytes } from "node:crypto";

export const TEST_ENCRYPTION_KEY = randomBytes(32).toString("base64");

/** Points the app's modules at a test database; call before the first serverEnv() of the file. */
export function pointAppEnvAt(databaseUrl: string): void {
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEXTAUTH_SECRET = "integration-test-secret-0123456789";
  process.env.APP_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
  delete process.env.APP_ENCRYPTION_KEY_PREVIOUS;
}
