import { expect, test } from "@playwright/test";
import { anonymousContext, signInApi, signedInContext, tokenContext, unique } from "./support/api-session";
import { E2E_ADMIN } from "./support/credentials";

test("an API token is shown once, listed without its value, works as Bearer and can be revoked", async () => {
  const admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
  const name = unique("ci-token");
  const created = await admin.post("/api/tokens", { data: { name } });
  expect(created.status()).toBe(201);
  const { token, apiToken } = (await created.json()) as { token: string; apiToken: { id: number; prefix: string } };
  expect(token.startsWith(apiToken.prefix)).toBe(true);

  const listText = await (await admin.get("/api/tokens")).text();
  expect(listText).toContain(name);
  expect(listText).not.toContain(token);

  const bearer = await tokenContext(token);
  expect((await bearer.get("/api/configurations")).status()).toBe(200);
  expect((await admin.delete(`/api/tokens/${apiToken.id}`)).status()).toBe(200);
  expect((await bearer.get("/api/configurations")).status()).toBe(401);
  expect((await admin.delete("/api/tokens/not-a-number")).status()).toBe(400);
  expect((await admin.delete("/api/tokens/999999")).status()).toBe(404);
  expect((await admin.post("/api/tokens", { data: { name: "" } })).status()).toBe(400);
  // A token always acts as its creator: naming another user is refused (L4).
  expect((await admin.post("/api/tokens", { data: { name: unique("for-someone"), userId: 1 } })).status()).toBe(400);
  await Promise.all([admin.dispose(), bearer.dispose()]);
});

test("a wrong password gets the generic message, and repeated failures lock the account for a while", async () => {
  const admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
  const email = `${unique("locked")}@example.test`;
  expect((await admin.post("/api/users", { data: { email, password: "right-password-1" } })).status()).toBe(201);

  const guesser = await anonymousContext();
  expect(await signInApi(guesser, email, "wrong-password")).toBe("CredentialsSignin");
  expect(await signInApi(guesser, "nobody@example.test", "wrong-password")).toBe("CredentialsSignin");
  for (let attempt = 0; attempt < 4; attempt += 1) await signInApi(guesser, email, `wrong-${attempt}`);
  const locked = await signInApi(guesser, email, "right-password-1");
  expect(locked).toMatch(/Too many failed sign-ins/);
  // The lock is per account: the admin still signs in.
  expect(await signInApi(await anonymousContext(), E2E_ADMIN.email, E2E_ADMIN.password)).toBeNull();
  await Promise.all([admin.dispose(), guesser.dispose()]);
});

test("set-up is closed once an administrator exists", async () => {
  const anonymous = await anonymousContext();
  const response = await anonymous.post("/api/setup", { data: { email: "intruder@example.test", password: "intruder-password" } });
  expect(response.status()).toBe(403);
  // Answered before the body is read (L3): a body that is not even JSON gets the same 403, not a 400.
  const unread = await anonymous.post("/api/setup", { headers: { "Content-Type": "application/json" }, data: "{ not json" });
  expect(unread.status()).toBe(403);
  expect(await anonymous.get("/setup", { maxRedirects: 0 }).then((page) => page.status())).not.toBe(200);
  await anonymous.dispose();
});
