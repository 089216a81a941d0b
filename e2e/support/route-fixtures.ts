// Fresh records for the placeholders of the route table (lib/testing/api-routes.ts), created
// through the API as the e2e admin, and the table's requests made concrete.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { z } from "zod";
import { configurationAnswerSchema } from "../../lib/contracts/configurations";
import { compareSetAnswerSchema, conversationAnswerSchema } from "../../lib/contracts/conversations";
import { createdTokenAnswerSchema } from "../../lib/contracts/tokens";
import { userAnswerSchema } from "../../lib/contracts/users";
import type { HttpMethod, MethodSpec, RouteSpec } from "../../lib/testing/api-routes";
import { readAnswer } from "./api";
import { unique } from "./api-session";
import { finishedRun } from "./conversation-seed";
import { SIMULATOR_URL } from "./simulator-control";

export type RouteCall = { label: string; method: HttpMethod; spec: MethodSpec; url: string; body: unknown };

async function created<Schema extends z.ZodType>(
  response: APIResponse,
  schema: Schema,
  what: string,
): Promise<z.output<Schema>> {
  if (response.status() !== 201)
    throw new Error(`creating ${what} failed: ${response.status()} ${await response.text()}`);
  return readAnswer(response, schema);
}

/** Records every placeholder can stand for; destructive calls get fresh ones of their own. */
export class RouteFixtures {
  private shared = new Map<string, string>();

  constructor(private readonly admin: APIRequestContext) {}

  async configuration(): Promise<string> {
    const slug = unique("matrix").toLowerCase();
    const body = await created(
      await this.admin.post("/api/configurations", {
        data: {
          name: "Matrix fixture",
          slug,
          provider: "local",
          model: "llama-3.1-8b-instruct~fast",
          baseUrl: `${SIMULATOR_URL}/local/v1`,
        },
      }),
      configurationAnswerSchema,
      "a configuration",
    );
    return String(body.configuration.id);
  }

  async conversation(configuration: string): Promise<string> {
    const body = await created(
      await this.admin.post("/api/conversations", { data: { configuration, title: "Matrix fixture" } }),
      conversationAnswerSchema,
      "a conversation",
    );
    return String(body.conversation.id);
  }

  async compareSet(configurations: [string, string]): Promise<string> {
    const body = await created(
      await this.admin.post("/api/compare-sets", { data: { configurations, prompt: "fixture" } }),
      compareSetAnswerSchema,
      "a compare set",
    );
    return String(body.set.id);
  }

  async token(): Promise<string> {
    const body = await created(
      await this.admin.post("/api/tokens", { data: { name: unique("matrix") } }),
      createdTokenAnswerSchema,
      "a token",
    );
    return String(body.apiToken.id);
  }

  async user(): Promise<string> {
    const body = await created(
      await this.admin.post("/api/users", {
        data: { email: `${unique("matrix")}@example.test`, password: "correct horse battery staple", role: "viewer" },
      }),
      userAnswerSchema,
      "a user",
    );
    return String(body.user.id);
  }

  private async value(name: string, fresh: boolean): Promise<string> {
    if (name === "fresh-slug") return unique("matrix-new").toLowerCase();
    if (name === "fresh-email") return `${unique("matrix-new")}@example.test`;
    if (name === "simulator") return SIMULATOR_URL;
    const cached = fresh ? undefined : this.shared.get(name);
    if (cached) return cached;
    let value: string;
    if (name === "configuration") value = await this.configuration();
    else if (name === "second-configuration") value = await this.configuration();
    else if (name === "conversation") value = await this.conversation(await this.value("configuration", false));
    else if (name === "answered-conversation")
      value = String(
        (await finishedRun(this.admin, { configuration: await this.value("configuration", false), prompt: "fixture" }))
          .conversationId,
      );
    else if (name === "compare-set")
      value = await this.compareSet([
        await this.value("configuration", false),
        await this.value("second-configuration", false),
      ]);
    else if (name === "run")
      value = (
        await finishedRun(this.admin, { configuration: await this.value("configuration", false), prompt: "fixture" })
      ).runId;
    else if (name === "token") value = await this.token();
    else if (name === "user") value = await this.user();
    else throw new Error(`unknown placeholder {${name}}`);
    if (!fresh) this.shared.set(name, value);
    return value;
  }

  /** Replaces every `{placeholder}` in `text`. */
  async fill(text: string, fresh = false): Promise<string> {
    let result = text;
    for (const match of text.matchAll(/\{([a-z-]+)\}/g)) {
      if (match[1]) result = result.replace(match[0], await this.value(match[1], fresh));
    }
    return result;
  }

  private async fillBody(body: Record<string, unknown> | undefined, fresh: boolean): Promise<unknown> {
    if (!body) return undefined;
    const filled = async (value: unknown): Promise<unknown> =>
      typeof value === "string"
        ? this.fill(value, fresh)
        : Array.isArray(value)
          ? Promise.all(value.map(filled))
          : value;
    const entries = await Promise.all(
      Object.entries(body).map(async ([key, value]) => [key, await filled(value)] as const),
    );
    return Object.fromEntries(entries);
  }

  /** The table's request for one method of one route, with records filled in. */
  async call(route: RouteSpec, method: HttpMethod, spec: MethodSpec): Promise<RouteCall> {
    const fresh = spec.destructive === true;
    const path = await this.fill(route.path, fresh);
    const url = spec.query ? `${path}?${await this.fill(spec.query, fresh)}` : path;
    return { label: `${method} ${route.path}`, method, spec, url, body: await this.fillBody(spec.body, fresh) };
  }
}

/** Sends a call; an event stream is read to its end. Returns the status and the body text. */
export async function send(
  context: APIRequestContext,
  call: RouteCall,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; contentType: string }> {
  const response = await context.fetch(call.url, {
    method: call.method,
    headers,
    data: call.body,
    failOnStatusCode: false,
    timeout: 30_000,
  });
  const contentType = response.headers()["content-type"] ?? "";
  return {
    status: response.status(),
    text: contentType.startsWith("text/event-stream") ? "" : await response.text(),
    contentType,
  };
}
