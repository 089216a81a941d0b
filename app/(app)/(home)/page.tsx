import { ConfigurationList, EmptyConfigurations } from "@/components/configurations/configuration-list";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/auth/page-user";
import { pagePrincipal } from "@/lib/auth/policy";
import { listDashboardConfigurations } from "@/lib/views/dashboard";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  // The layout checks too, but a page must not rely on it: they render independently.
  const user = await requirePageUser();
  const configurations = await listDashboardConfigurations({
    forAdmin: user.role === "admin",
    runsVisibleTo: pagePrincipal(user),
  });
  const count = configurations.length;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Every active LLM provider connection, its last connection test and today's runs."
        aside={
          count > 0 ? (
            <span className="text-sm text-slate-500 dark:text-slate-400" data-testid="configuration-count">
              {count} active
            </span>
          ) : null
        }
      />
      {count === 0 ? (
        <EmptyConfigurations isAdmin={user.role === "admin"} />
      ) : (
        <ConfigurationList configurations={configurations} />
      )}
    </>
  );
}
