import { z } from "zod";
import { requestJson } from "@/components/api/request-json";

/** An API call that failed: its message is the server's, ready to show to a person. */
class ApiCallError extends Error {
  readonly code: string;
  readonly issues: Array<{ path: string; message: string }>;

  constructor(code: string, message: string, issues: Array<{ path: string; message: string }>) {
    super(message);
    this.name = "ApiCallError";
    this.code = code;
    this.issues = issues;
  }
}

/** requestJson for the admin screens' try/catch flow: a failed call throws ApiCallError. */
export async function sendJson(url: string, init: { method: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown }): Promise<unknown> {
  const result = await requestJson(url, z.unknown(), init);
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message, result.error.issues);
  return result.data;
}

/** The message to show for anything a call threw. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiCallError ? error.message : "Something unexpected went wrong. Reload the page and try again.";
}
