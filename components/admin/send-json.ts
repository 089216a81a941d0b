import { readApiError, toSentence } from "@/components/auth/api-error";

/** An API call that failed: its message is the server's, ready to show to a person. */
export class ApiCallError extends Error {
  readonly code: string;
  readonly issues: Array<{ path: string; message: string }>;

  constructor(code: string, message: string, issues: Array<{ path: string; message: string }>) {
    super(message);
    this.name = "ApiCallError";
    this.code = code;
    this.issues = issues;
  }
}

/** Sends JSON to one of the app's routes with the session cookie; a non-2xx answer throws ApiCallError. */
export async function sendJson(url: string, init: { method: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown }): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? {} : { "Content-Type": "application/json" },
      body: init.body === undefined ? null : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    throw new ApiCallError("network", "The server could not be reached. Check your connection and try again.", []);
  }
  if (!response.ok) {
    const error = await readApiError(response);
    throw new ApiCallError(error.code, toSentence(error.message), error.issues);
  }
  return response.json();
}

/** The message to show for anything a call threw. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiCallError ? error.message : "Something unexpected went wrong. Reload the page and try again.";
}
