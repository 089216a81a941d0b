import Link from "next/link";
import type { ReactNode } from "react";
import { CardConnectionTest } from "@/components/configurations/card-connection-test";
import { ProviderBadge } from "@/components/configurations/provider-badge";
import { buttonClassName } from "@/components/ui/button";
import type { DashboardConfiguration } from "@/lib/contracts/configurations";
import { cardClassName } from "@/components/ui/card";

/** What a card shows; never key material, only whether a key is set and (for admins) its last four characters. */
export type ConfigurationSummary = Pick<
  DashboardConfiguration,
  "id" | "slug" | "name" | "provider" | "model" | "baseUrl" | "hasApiKey" | "apiKeyLastFour" | "lastTest" | "runsToday"
>;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[5.5rem_minmax(0,1fr)] gap-3 py-2">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function KeyStatus({ hasApiKey, lastFour }: { hasApiKey: boolean; lastFour: string | null }) {
  if (!hasApiKey) return <span className="text-slate-500 dark:text-slate-400">no key</span>;
  const masked = `key •••• ${lastFour ?? ""}`.trim();
  return (
    <>
      <span aria-hidden="true" className="font-mono">
        {masked}
      </span>
      <span className="sr-only">{lastFour ? `API key set, ending in ${lastFour}` : "API key set"}</span>
    </>
  );
}

export function ConfigurationCard({ configuration }: { configuration: ConfigurationSummary }) {
  const { id, name, provider, model, slug, baseUrl, hasApiKey, apiKeyLastFour, lastTest, runsToday } = configuration;
  return (
    <li
      className={cardClassName("flex flex-col p-5 shadow-xs transition-shadow hover:shadow-sm")}
      data-testid="configuration-card"
      data-slug={slug}
    >
      <div className="flex items-start justify-between gap-3">
        <h2 className="min-w-0 text-base font-semibold break-words text-slate-900 dark:text-white">{name}</h2>
        <ProviderBadge provider={provider} />
      </div>
      <dl className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800">
        <Row label="Model">
          <span className="font-mono break-all">{model}</span>
        </Row>
        <Row label="Slug">
          <span className="font-mono break-all">{slug}</span>
        </Row>
        <Row label="Base URL">
          {baseUrl ? (
            <span className="font-mono break-all">{baseUrl}</span>
          ) : (
            <span className="text-slate-500 italic dark:text-slate-400">provider default</span>
          )}
        </Row>
        <Row label="API key">
          <span data-testid="configuration-key">
            <KeyStatus hasApiKey={hasApiKey} lastFour={apiKeyLastFour} />
          </span>
        </Row>
        <Row label="Runs today">
          <span data-testid="card-runs-today">{runsToday.toLocaleString()}</span>
        </Row>
      </dl>
      <div className="mt-auto pt-3">
        <div className="border-t border-slate-100 pt-3 dark:border-slate-800">
          <CardConnectionTest configurationId={id} name={name} initial={lastTest} />
        </div>
        <div className="mt-3 flex justify-end">
          <Link
            href={`/playground?configuration=${id}`}
            className={buttonClassName("secondary")}
            data-testid="open-in-playground"
          >
            Open in playground
            <span className="sr-only">: {name}</span>
          </Link>
        </div>
      </div>
    </li>
  );
}
