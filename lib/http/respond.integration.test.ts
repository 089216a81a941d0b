import { describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/respond";

describe("errors from an unreachable database", () => {
  it("become a 503 JSON answer without internals", async () => {
    // A port nothing listens on: the same failure as PostgreSQL being down mid-request.
    const db = createDatabase("postgresql://postgres@127.0.0.1:1/none");
    const error = await db.configuration.findMany().then(
      () => null,
      (caught: unknown) => caught,
    );
    await db.$disconnect();
    expect(error).not.toBeNull();
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("database_unavailable");
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at /);
  });
});
