import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit/audit-log";
import { filtersFromSearch } from "@/components/admin/audit/audit-query";
import { PageHeader } from "@/components/layout/page-header";
import { requireAdminPage } from "@/lib/auth/page-user";
import { listAuditActions } from "@/lib/db/audit-log";

export const metadata: Metadata = { title: "Audit log" };

// Reads the session and the database on every request; `next build` must never need one.
export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: PageProps<"/audit">) {
  await requireAdminPage();
  const [filters, actions] = await Promise.all([searchParams.then(filtersFromSearch), listAuditActions()]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to configurations, users and API tokens: who made it, when, and what changed. Keys and token values are never recorded."
      />
      <AuditLog initialFilters={filters} actions={actions} />
    </>
  );
}
