import { isDatabaseUnavailable } from "@/lib/db/errors";
import { AppError, errorMessage } from "@/lib/errors";

/** A JSON response that is never cached by browsers or proxies. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Cache-Control", "no-store");
  return Response.json(body, { ...init, headers });
}

/** The JSON answer for an error: AppErrors as they are, an unreachable database as 503, anything else a logged 500 without details. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return json(error.toJSON(), { status: error.status, headers: error.headers });
  }
  if (isDatabaseUnavailable(error)) {
    console.error("database unavailable:", errorMessage(error));
    return json(
      new AppError(
        "database_unavailable",
        "The database is unreachable or overloaded. Try again shortly; if it persists, check PostgreSQL.",
      ).toJSON(),
      { status: 503 },
    );
  }
  console.error("unhandled error in route:", error);
  return json(new AppError("internal", "Something went wrong on the server. It has been logged.").toJSON(), {
    status: 500,
  });
}

/** Runs a route handler's body and turns any thrown error into its JSON answer. */
export async function respond(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    return errorResponse(error);
  }
}

// Body reading lives in json-body.ts; re-exported so route handlers keep one import.
export { BODY_LIMITS, readJsonBody } from "@/lib/http/json-body";
