"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { ActiveToggleButton } from "@/components/configurations/active-toggle-button";
import { DeleteConfigurationButton } from "@/components/configurations/delete-configuration-button";
import { ProviderBadge } from "@/components/configurations/provider-badge";
import { controlClassName } from "@/components/ui/field";
import { buttonClassName } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { isProviderName, PROVIDER_CATALOG, PROVIDERS, type ProviderName } from "@/lib/llm/providers/catalog";
import { Card } from "@/components/ui/card";

export type TableConfiguration = {
  id: number;
  slug: string;
  name: string;
  provider: ProviderName;
  model: string;
  active: boolean;
  updatedAt: string;
};

type StatusFilter = "all" | "active" | "inactive";

function matches(
  configuration: TableConfiguration,
  search: string,
  provider: ProviderName | "all",
  status: StatusFilter,
): boolean {
  if (provider !== "all" && configuration.provider !== provider) return false;
  if (status !== "all" && configuration.active !== (status === "active")) return false;
  const needle = search.trim().toLowerCase();
  return (
    needle === "" ||
    [configuration.name, configuration.slug, configuration.model].some((text) => text.toLowerCase().includes(needle))
  );
}

function StatusPill({ active }: { active: boolean }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        active
          ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30"
          : "bg-slate-100 text-slate-600 ring-slate-500/20 dark:bg-slate-500/10 dark:text-slate-400 dark:ring-slate-400/30"
      }`}
      data-testid="configuration-status"
    >
      {active ? "Active" : "Inactive"}
    </span>
  );
}

/** Every configuration, searchable and filtered by provider and status; admins get the actions. */
export function ConfigurationTable({
  configurations,
  isAdmin,
}: {
  configurations: TableConfiguration[];
  isAdmin: boolean;
}) {
  const [search, setSearch] = useState("");
  const [provider, setProvider] = useState<ProviderName | "all">("all");
  const [status, setStatus] = useState<StatusFilter>("all");
  const shown = useMemo(
    () => configurations.filter((configuration) => matches(configuration, search, provider, status)),
    [configurations, search, provider, status],
  );
  const filtered = search !== "" || provider !== "all" || status !== "all";

  return (
    <div>
      <div
        className="mb-4 grid gap-3 sm:grid-cols-[minmax(0,1fr)_13rem_13rem]"
        role="search"
        aria-label="Filter configurations"
      >
        <div>
          <label htmlFor="configuration-search" className="sr-only">
            Search by name, slug or model
          </label>
          <input
            id="configuration-search"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Search by name, slug or model"
            className={controlClassName(undefined)}
            data-testid="configuration-search"
          />
        </div>
        <div>
          <label htmlFor="configuration-provider-filter" className="sr-only">
            Provider
          </label>
          <select
            id="configuration-provider-filter"
            value={provider}
            onChange={(event) => {
              const value = event.target.value;
              if (value === "all" || isProviderName(value)) setProvider(value);
            }}
            className={controlClassName(undefined)}
            data-testid="configuration-provider-filter"
          >
            <option value="all">All providers</option>
            {PROVIDERS.map((name) => (
              <option key={name} value={name}>
                {PROVIDER_CATALOG[name].label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="configuration-status-filter" className="sr-only">
            Status
          </label>
          <select
            id="configuration-status-filter"
            value={status}
            onChange={(event) => {
              const value = event.target.value;
              if (value === "all" || value === "active" || value === "inactive") setStatus(value);
            }}
            className={controlClassName(undefined)}
            data-testid="configuration-status-filter"
          >
            <option value="all">Active and inactive</option>
            <option value="active">Active only</option>
            <option value="inactive">Inactive only</option>
          </select>
        </div>
      </div>
      <p
        className="mb-2 text-xs text-slate-500 dark:text-slate-400"
        aria-live="polite"
        data-testid="configuration-table-count"
      >
        {filtered
          ? `${shown.length} of ${configurations.length} configurations`
          : `${configurations.length} configuration${configurations.length === 1 ? "" : "s"}`}
      </p>
      {shown.length === 0 ? (
        <div
          className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600 dark:border-slate-700 dark:bg-slate-900/50 dark:text-slate-400"
          data-testid="configuration-table-empty"
        >
          {configurations.length === 0 ? (
            isAdmin ? (
              <>
                <p>No configurations yet.</p>
                <Link href="/configurations/new" className={buttonClassName("primary", "mt-4")}>
                  New configuration
                </Link>
              </>
            ) : (
              <p>No configurations yet. Ask an administrator to add one.</p>
            )
          ) : (
            <>
              <p>No configuration matches these filters.</p>
              <button
                type="button"
                className={buttonClassName("secondary", "mt-4")}
                onClick={() => {
                  setSearch("");
                  setProvider("all");
                  setStatus("all");
                }}
              >
                Clear the filters
              </button>
            </>
          )}
        </div>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm" data-testid="configuration-table">
            <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Name
                </th>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Provider
                </th>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Model
                </th>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Updated
                </th>
                <th scope="col" className="px-4 py-2.5 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {shown.map((configuration) => (
                <tr
                  key={configuration.id}
                  data-testid="configuration-row"
                  data-slug={configuration.slug}
                  data-id={configuration.id}
                >
                  <td className="px-4 py-3">
                    <Link
                      href={`/configurations/${configuration.id}`}
                      className="font-medium text-slate-900 hover:underline dark:text-white"
                      data-testid="configuration-link"
                    >
                      {configuration.name}
                    </Link>
                    <div className="font-mono text-xs text-slate-500 dark:text-slate-400">{configuration.slug}</div>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">
                    <ProviderBadge provider={configuration.provider} />
                  </td>
                  <td
                    className="max-w-56 truncate px-4 py-3 font-mono text-xs text-slate-700 dark:text-slate-300"
                    title={configuration.model}
                  >
                    {configuration.model}
                  </td>
                  <td className="px-4 py-3">
                    <StatusPill active={configuration.active} />
                  </td>
                  <td className="px-4 py-3 text-xs whitespace-nowrap text-slate-600 dark:text-slate-400">
                    <LocalTime iso={configuration.updatedAt} />
                  </td>
                  <td className="px-4 py-3">
                    <div className="flex justify-end gap-1">
                      {isAdmin ? (
                        <>
                          <Link
                            href={`/configurations/${configuration.id}`}
                            className={buttonClassName("ghost")}
                            data-testid="edit-configuration"
                          >
                            Edit<span className="sr-only"> {configuration.name}</span>
                          </Link>
                          <Link
                            href={`/configurations/new?from=${configuration.id}`}
                            className={buttonClassName("ghost")}
                            data-testid="clone-configuration"
                          >
                            Clone<span className="sr-only"> {configuration.name}</span>
                          </Link>
                          <ActiveToggleButton
                            id={configuration.id}
                            name={configuration.name}
                            active={configuration.active}
                          />
                          <DeleteConfigurationButton id={configuration.id} name={configuration.name} />
                        </>
                      ) : (
                        <Link
                          href={`/configurations/${configuration.id}`}
                          className={buttonClassName("ghost")}
                          data-testid="view-configuration"
                        >
                          View<span className="sr-only"> {configuration.name}</span>
                        </Link>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
