import type { NextRequest } from "next/server";
import { auditQuery } from "@/app/api/audit/schema";
import { requireActor } from "@/lib/auth/request-actor";
import { listAuditEntries } from "@/lib/db/audit-log";
import { redactAuditChanges } from "@/lib/db/audit-redaction";
import { json, respond } from "@/lib/http/respond";
import { parseOrThrow } from "@/lib/validation/issues";
import { searchParamsObject } from "@/lib/validation/query";
import type { AuditPage } from "@/lib/contracts/audit";

export async function GET(request: NextRequest): Promise<Response> {
  return respond(async () => {
    await requireActor(request, { role: "admin" });
    const query = parseOrThrow(auditQuery, searchParamsObject(request.nextUrl), "query");
    const { entries, total } = await listAuditEntries(query);
    return json({
      entries: entries.map((entry) => ({
        ...entry,
        changes: redactAuditChanges(entry.changes),
        createdAt: entry.createdAt.toISOString(),
      })),
      total,
      page: query.page,
      limit: query.limit,
    } satisfies AuditPage);
  });
}
