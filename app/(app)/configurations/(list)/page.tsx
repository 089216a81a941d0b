import type { Metadata } from "next";
import Link from "next/link";
import { ConfigurationTable } from "@/components/configurations/configuration-table";
import { PageHeader } from "@/components/layout/page-header";
import { buttonClassName } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/page-user";
import { listConfigurations } from "@/lib/db/configurations";

export const metadata: Metadata = { title: "Configurations" };

export const dynamic = "force-dynamic";

export default async function ConfigurationsPage() {
  const user = await requirePageUser();
  const isAdmin = user.role === "admin";
  const configurations = (await listConfigurations({ includeInactive: true })).map(
    ({ id, slug, name, provider, model, active, updatedAt }) => ({
      id,
      slug,
      name,
      provider,
      model,
      active,
      updatedAt: updatedAt.toISOString(),
    }),
  );
  return (
    <>
      <PageHeader
        title="Configurations"
        description={
          isAdmin
            ? "Every provider connection, active or not. Create, edit, clone, deactivate or delete them here."
            : "Every provider connection, active or not. Only administrators can change them."
        }
        aside={
          isAdmin ? (
            <Link href="/configurations/new" className={buttonClassName("primary")} data-testid="new-configuration">
              New configuration
            </Link>
          ) : null
        }
      />
      <ConfigurationTable configurations={configurations} isAdmin={isAdmin} />
    </>
  );
}
