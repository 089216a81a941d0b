import Link from "next/link";
import { ConfigurationCard, type ConfigurationSummary } from "@/components/configurations/configuration-card";
import { buttonClassName } from "@/components/ui/button";

export function ConfigurationList({ configurations }: { configurations: ConfigurationSummary[] }) {
  return (
    <ul
      className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3"
      data-testid="configuration-list"
      aria-label="Active configurations"
    >
      {configurations.map((configuration) => (
        <ConfigurationCard key={configuration.id} configuration={configuration} />
      ))}
    </ul>
  );
}

/** Says what to do next: admins create one, viewers ask an admin. */
export function EmptyConfigurations({ isAdmin }: { isAdmin: boolean }) {
  return (
    <div
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center dark:border-slate-700 dark:bg-slate-900/50"
      data-testid="configurations-empty"
    >
      <svg
        className="mx-auto size-10 text-slate-400 dark:text-slate-500"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        aria-hidden="true"
      >
        <path
          strokeLinecap="round"
          strokeLinejoin="round"
          d="M5.25 14.25h13.5m-13.5 0a3 3 0 0 1-3-3m3 3a3 3 0 1 0 0 6h13.5a3 3 0 1 0 0-6m-16.5-3a3 3 0 0 1 3-3h13.5a3 3 0 0 1 3 3m-19.5 0a4.5 4.5 0 0 1 .9-2.7L5.74 4.8a2.25 2.25 0 0 1 1.8-.9h8.92a2.25 2.25 0 0 1 1.8.9l2.84 3.75c.58.78.9 1.73.9 2.7m0 0a3 3 0 0 1-3 3m0 3h.01v.01h-.01v-.01Zm0-6h.01v.01h-.01v-.01Z"
        />
      </svg>
      <h2 className="mt-4 text-base font-semibold text-slate-900 dark:text-white">No active configurations yet</h2>
      {isAdmin ? (
        <>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
            Add a provider connection, or activate one under Configurations, and it appears here.
          </p>
          <Link
            href="/configurations/new"
            className={buttonClassName("primary", "mt-5")}
            data-testid="empty-new-configuration"
          >
            New configuration
          </Link>
        </>
      ) : (
        <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
          Ask an administrator to add one; it will appear here once it is active.
        </p>
      )}
    </div>
  );
}
