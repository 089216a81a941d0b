// The first admin the end-to-end server is started with (see start-test-server.mjs).
export const ADMIN_EMAIL = "admin@example.test";
export const ADMIN_PASSWORD = "admin-password-e2e";
export const E2E_ADMIN = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } as const;
/** The API key the specs and the benchmark give their simulator configurations. */
export const SIMULATOR_KEY = "sk-e2e-simulator-key-0042";
