import type { APIResponse } from "@playwright/test";
import type { z } from "zod";
import { apiErrorBodySchema, type ApiErrorBody } from "../../lib/contracts/errors";

// Answers read through the contract schemas the routes satisfy (lib/contracts): a spec that
// gets a shape the app does not promise fails here, naming the field, instead of reading undefined.

/** The response's JSON body parsed with `schema`; throws with the zod issues and the body when it does not fit. */
export async function readAnswer<Schema extends z.ZodType>(
  response: APIResponse | Response,
  schema: Schema,
): Promise<z.output<Schema>> {
  const text = await response.text();
  const status = typeof response.status === "function" ? response.status() : response.status;
  const url = typeof response.url === "function" ? response.url() : response.url;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url} answered ${status} with no JSON: ${text.slice(0, 300)}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new Error(`${url} answered ${status} outside its contract: ${parsed.error.message}\n${text.slice(0, 500)}`);
  return parsed.data;
}

/** The `{ error: { code, message, issues } }` body of a refused request. */
export function readError(response: APIResponse | Response): Promise<ApiErrorBody> {
  return readAnswer(response, apiErrorBodySchema);
}
