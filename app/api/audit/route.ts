import type { NextRequest } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/request-actor";
import { listAuditEntries } from "@/lib/db/audit-log";
import { json, respond } from "@/lib/http/respond";
import { parseOrThrow } from "@/lib/validation/issues";
import { searchParamsObject } from "@/lib/validation/query";

const auditQuery = z.object({
  entityType: z.enum(["configuration", "user", "api_token"], "entityType must be configuration, user or api_token").optional(),
  entityId: z.string().max(64, "entityId is at most 64 characters").optional(),
  limit: z.coerce.number("limit must be a number").int("limit must be a whole number").min(1, "limit is at least 1").max(500, "limit is at most 500").default(100),
});

export async function GET(request: NextRequest): Promise<Response> {
  return respond(async () => {
    await requireActor(request, { role: "admin" });
    const query = parseOrThrow(auditQuery, searchParamsObject(request.nextUrl), "query");
    const entries = await listAuditEntries(query);
    return json({ entries: entries.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() })) });
  });
}
