import { ConfigurationList, EmptyConfigurations } from "@/components/configurations/configuration-list";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/auth/page-user";
import { listConfigurations, toPublicConfiguration } from "@/lib/db/configurations";

// Reads the database on every request; `next build` must never need one.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  // The layout checks too, but a page must not rely on it: they render independently.
  const user = await requirePageUser();
  const configurations = (await listConfigurations()).map((row) => toPublicConfiguration(row));
  const count = configurations.length;

  return (
    <>
      <PageHeader
        title="Configurations"
        description="The LLM provider connections this server can use."
        aside={
          count > 0 ? (
            <span className="text-sm text-slate-500 dark:text-slate-400" data-testid="configuration-count">
              {count} active
            </span>
          ) : null
        }
      />
      {count === 0 ? <EmptyConfigurations isAdmin={user.role === "admin"} /> : <ConfigurationList configurations={configurations} />}
    </>
  );
}
