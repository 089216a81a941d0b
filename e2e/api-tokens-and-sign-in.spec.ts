import { expect, test } from "@playwright/test";
import { anonymousContext, signInApi, signedInContext, tokenContext, unique } from "./support/api-session";
import { E2E_ADMIN } from "./support/credentials";
import { readAnswer } from "./support/api";
import { createdTokenAnswerSchema } from "../lib/contracts/tokens";

test("an API token is shown once, listed without its value, works as Bearer and can be revoked", async () => {
  const admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
  const name = unique("ci-token");
  const created = await admin.post("/api/tokens", { data: { name } });
  expect(created.status()).toBe(201);
  const { token, apiToken } = await readAnswer(created, createdTokenAnswerSchema);
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

test("a wrong password gets the generic message, and repeated failures pause that account from that address only", async () => {
  const admin = await signedInContext(E2E_ADMIN.email, E2E_ADMIN.password);
  const email = `${unique("locked")}@example.test`;
  expect((await admin.post("/api/users", { data: { email, password: "right-password-1" } })).status()).toBe(201);

  const guesser = await anonymousContext();
  expect(await signInApi(guesser, email, "wrong-password")).toBe("CredentialsSignin");
  expect(await signInApi(guesser, "nobody@example.test", "wrong-password")).toBe("CredentialsSignin");
  for (let attempt = 0; attempt < 4; attempt += 1) await signInApi(guesser, email, `wrong-${attempt}`);
  const locked = await signInApi(guesser, email, "right-password-1");
  expect(locked).toMatch(/^Too many failed sign-ins for this account from your network/);
  // No proxy is trusted on this server: a spoofed X-Forwarded-For (or a forged copy of the
  // launcher's socket header) is still the same address, and still refused (the review's bypass).
  const spoofs: Array<Record<string, string>> = [
    { "X-Forwarded-For": "203.0.113.77" },
    { "X-Llmm-Socket-Address": "203.0.113.78" },
  ];
  for (const headers of spoofs) {
    expect(await signInApi(await anonymousContext(headers), email, "right-password-1")).toMatch(
      /^Too many failed sign-ins/,
    );
  }
  // The pause is per account: the admin still signs in from the same address.
  expect(await signInApi(await anonymousContext(), E2E_ADMIN.email, E2E_ADMIN.password)).toBeNull();
  // An unknown email gets the same refusal wording as a real one once paused.
  const unknown = `${unique("nobody")}@example.test`;
  for (let attempt = 0; attempt < 5; attempt += 1)
    expect(await signInApi(guesser, unknown, `wrong-${attempt}`)).toBe("CredentialsSignin");
  expect(await signInApi(guesser, unknown, "wrong-again")).toMatch(
    /^Too many failed sign-ins for this account from your network/,
  );
  await Promise.all([admin.dispose(), guesser.dispose()]);
});

test("set-up is closed once an administrator exists", async () => {
  const anonymous = await anonymousContext();
  const response = await anonymous.post("/api/setup", {
    data: { email: "intruder@example.test", password: "intruder-password" },
  });
  expect(response.status()).toBe(403);
  // Answered before the body is read (L3): a body that is not even JSON gets the same 403, not a 400.
  const unread = await anonymous.post("/api/setup", {
    headers: { "Content-Type": "application/json" },
    data: "{ not json",
  });
  expect(unread.status()).toBe(403);
  expect(await anonymous.get("/setup", { maxRedirects: 0 }).then((page) => page.status())).not.toBe(200);
  await anonymous.dispose();
});
