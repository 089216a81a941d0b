import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { z } from "zod";
import { createdTokenAnswerSchema } from "../../lib/contracts/tokens";
import { readAnswer } from "./api";

// next-auth's own answers (not the app's contract): the CSRF token, and where sign-in sends the browser.
export const csrfAnswer = z.object({ csrfToken: z.string() });
export const signInAnswer = z.object({ url: z.string().optional() });

export const BASE_URL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}`;

/** Signs an API context in through next-auth's credentials endpoint; returns the error, if any. */
export async function signInApi(context: APIRequestContext, email: string, password: string): Promise<string | null> {
  const csrf = await readAnswer(await context.get("/api/auth/csrf"), csrfAnswer);
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password, json: "true" },
  });
  const body = await readAnswer(response, signInAnswer);
  const error = body.url ? new URL(body.url, BASE_URL).searchParams.get("error") : "no redirect";
  return error;
}

/**
 * A fresh API context with its own cookie jar, signed in as the given user (to the spec's app, or
 * the one at `baseUrl`). It sends the app's Origin, as the app's own pages do: the API refuses
 * session-cookie changes that name no origin (CSRF).
 */
export async function signedInContext(email: string, password: string, baseUrl = BASE_URL): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({
    baseURL: baseUrl,
    extraHTTPHeaders: { Origin: new URL(baseUrl).origin },
  });
  const error = await signInApi(context, email, password);
  if (error) throw new Error(`sign-in as ${email} failed: ${error}`);
  return context;
}

/** A fresh API context that sends the given bearer token on every request. */
export async function tokenContext(token: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
}

/** A fresh anonymous API context. */
export async function anonymousContext(headers: Record<string, string> = {}): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: headers });
}

/** A unique suffix, so specs never collide on slugs or emails. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** The e2e admin's signed-in context and a fresh API token of theirs. */
export async function adminWithToken(
  email: string,
  password: string,
  tokenName: string,
): Promise<{ admin: APIRequestContext; token: string }> {
  const admin = await signedInContext(email, password);
  const response = await admin.post("/api/tokens", { data: { name: unique(tokenName) } });
  if (response.status() !== 201)
    throw new Error(`creating an API token failed: ${response.status()} ${await response.text()}`);
  return { admin, token: (await readAnswer(response, createdTokenAnswerSchema)).token };
}
