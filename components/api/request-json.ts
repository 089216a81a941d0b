import type { z } from "zod";
import { readApiError, toSentence, type ApiError } from "@/components/api/api-error";

// The one way the browser calls the app's JSON API: every answer read through a schema, every
// failure turned into a message a person can act on.

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

function failure(code: string, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message, issues: [] } };
}

/** Sends `body` (when given) as JSON with the session cookie and parses a 2xx answer with `schema`. */
export async function requestJson<Schema extends z.ZodType>(
  url: string,
  schema: Schema,
  init: { method: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown },
): Promise<ApiResult<z.output<Schema>>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    return failure("network", "The server could not be reached. Check your connection and try again.");
  }
  // The API's own 401 text speaks to token callers; in the browser it means the session ended.
  if (response.status === 401) return failure("unauthorized", "Your session has ended. Sign in again, then retry.");
  if (!response.ok) {
    const error = await readApiError(response);
    return { ok: false, error: { ...error, message: toSentence(error.message) } };
  }
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (!parsed.success)
    return failure("unknown", "The server's answer was not understood. Reload the page and try again.");
  return { ok: true, data: parsed.data };
}
