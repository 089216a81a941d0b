import type { Metadata } from "next";
import { firstParam } from "@/components/auth/callback-path";
import { ConfigurationForm } from "@/components/configurations/configuration-form";
import { EMPTY_FORM, formFromConfiguration } from "@/components/configurations/form-state";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/auth/page-user";
import { findConfigurationByKey } from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";

export const metadata: Metadata = { title: "New configuration" };

export const dynamic = "force-dynamic";

export default async function NewConfigurationPage({ searchParams }: PageProps<"/configurations/new">) {
  await requirePageUser({ role: "admin" });
  const from = firstParam((await searchParams).from);
  const sourceRow = from ? await findConfigurationByKey({ key: from }) : null;
  if (!sourceRow) {
    return (
      <>
        <PageHeader title="New configuration" description="A connection to an LLM provider. Test it once saved." />
        {from ? (
          <p
            className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
            role="status"
            data-testid="clone-source-missing"
          >
            There is no configuration “{from}” to clone; it may have been deleted. Start from an empty form instead.
          </p>
        ) : null}
        <ConfigurationForm mode="create" initial={EMPTY_FORM} />
      </>
    );
  }
  const source = toPublicConfiguration(sourceRow, { forAdmin: true });
  return (
    <>
      <PageHeader
        title={`Clone “${source.name}”`}
        description="A new configuration with its own slug, starting from these values. The key is copied on the server unless you replace or remove it."
      />
      <ConfigurationForm
        mode="clone"
        initial={formFromConfiguration(source, "clone")}
        target={{
          id: source.id,
          name: source.name,
          apiKeyLastFour: source.apiKeyLastFour,
          hasApiKey: source.hasApiKey,
        }}
      />
    </>
  );
}
