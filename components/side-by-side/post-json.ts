import type { z } from "zod";
import { readApiError } from "@/components/auth/api-error";

export type PostResult<T> = { ok: true; data: T } | { ok: false; message: string };

const UNREACHABLE = "The server could not be reached. Check that it is running, then try again.";

/** POSTs JSON and parses the answer with `schema`; a refusal comes back as the API's own message. */
export async function postJson<Schema extends z.ZodType>(url: string, body: unknown, schema: Schema): Promise<PostResult<z.output<Schema>>> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, message: UNREACHABLE };
  }
  if (response.status === 401) return { ok: false, message: "Your session has ended. Sign in again, then retry." };
  if (!response.ok) return { ok: false, message: (await readApiError(response)).message };
  const parsed = schema.safeParse(await response.json().catch(() => null));
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, message: "The server's answer was not understood. Reload the page and try again." };
}
