import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActiveToggleButton } from "@/components/configurations/active-toggle-button";
import { ConfigurationDetails } from "@/components/configurations/configuration-details";
import { ConfigurationForm } from "@/components/configurations/configuration-form";
import { DeleteConfigurationButton } from "@/components/configurations/delete-configuration-button";
import { formFromConfiguration } from "@/components/configurations/form-state";
import { PageHeader } from "@/components/layout/page-header";
import { buttonClassName } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/page-user";
import { findConfigurationByKey } from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";

export const metadata: Metadata = { title: "Configuration" };

export const dynamic = "force-dynamic";

export default async function ConfigurationPage({ params }: PageProps<"/configurations/[id]">) {
  const user = await requirePageUser();
  const row = await findConfigurationByKey({ key: (await params).id });
  if (!row) notFound();
  const isAdmin = user.role === "admin";
  const configuration = toPublicConfiguration(row, { forAdmin: isAdmin });
  const actions = (
    <div className="flex flex-wrap gap-2">
      {configuration.active ? (
        <Link
          href={`/playground?configuration=${configuration.id}`}
          className={buttonClassName("secondary")}
          data-testid="open-in-playground"
        >
          Open in playground
        </Link>
      ) : null}
      {isAdmin ? (
        <Link
          href={`/configurations/new?from=${configuration.id}`}
          className={buttonClassName("secondary")}
          data-testid="clone-configuration"
        >
          Clone
        </Link>
      ) : null}
    </div>
  );
  return (
    <>
      <PageHeader
        title={configuration.name}
        description={
          isAdmin
            ? "Edit the connection; the key stays on the server."
            : "Read-only: only administrators can change configurations."
        }
        aside={configuration.active || isAdmin ? actions : null}
      />
      {isAdmin ? (
        <>
          <ConfigurationForm
            key={configuration.updatedAt}
            mode="edit"
            initial={formFromConfiguration(configuration, "edit")}
            target={{
              id: configuration.id,
              name: configuration.name,
              apiKeyLastFour: configuration.apiKeyLastFour,
              hasApiKey: configuration.hasApiKey,
            }}
          />
          <section
            className="mt-6 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-red-200 bg-white p-5 dark:border-red-900/60 dark:bg-slate-900"
            aria-label="Deactivate or delete"
            data-testid="danger-zone"
          >
            <p className="text-sm text-slate-600 dark:text-slate-300">
              {configuration.active
                ? "Deactivating hides it from the dashboard and the playground; its history stays."
                : "Inactive: hidden from the dashboard and the playground."}{" "}
              Deleting removes it for good.
            </p>
            <div className="flex gap-2">
              <ActiveToggleButton id={configuration.id} name={configuration.name} active={configuration.active} />
              <DeleteConfigurationButton id={configuration.id} name={configuration.name} afterDelete="list" />
            </div>
          </section>
        </>
      ) : (
        <ConfigurationDetails configuration={configuration} />
      )}
    </>
  );
}
