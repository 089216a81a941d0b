import { test as base, expect, type APIRequestContext } from "@playwright/test";
import { userAnswerSchema } from "../../lib/contracts/users";
import { readAnswer } from "./api";
import { signedInContext, unique } from "./api-session";
import { E2E_ADMIN } from "./credentials";

// Signed-in API contexts shared by the tests of one worker: the e2e admin, and a viewer made for
// that worker. Specs that change their own user (sign-out everywhere, deactivation) make their own.

type WorkerFixtures = { admin: APIRequestContext; viewer: APIRequestContext };

export const test = base.extend<object, WorkerFixtures>({
  admin: [
    async ({}, use) => {
      const admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
      await use(admin);
      await admin.dispose();
    },
    { scope: "worker" },
  ],
  viewer: [
    async ({ admin }, use) => {
      const email = `${unique("viewer")}@example.test`;
      const password = "viewer-password-1";
      const created = await admin.post("/api/users", { data: { email, password, role: "viewer" } });
      expect(created.status()).toBe(201);
      await readAnswer(created, userAnswerSchema);
      const viewer = await signedInContext(email, password);
      await use(viewer);
      await viewer.dispose();
    },
    { scope: "worker" },
  ],
});

export { expect };
