"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { auditPageSchema, type AuditPage } from "@/lib/contracts/audit";
import { AuditFilterForm } from "@/components/admin/audit/audit-filters";
import {
  apiQueryFromFilters,
  hasFilters,
  NO_FILTERS,
  searchFromFilters,
  type AuditFilters,
} from "@/components/admin/audit/audit-query";
import { AuditTable } from "@/components/admin/audit/audit-table";
import { requestJson } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormAlert } from "@/components/ui/form-alert";
import { Spinner } from "@/components/ui/spinner";

type Loaded = { query: string; page: AuditPage } | { query: string; error: string };

/** Filters, one page of entries and the pager; the filters live in the URL, so a view can be shared. */
export function AuditLog({ initialFilters, actions }: { initialFilters: AuditFilters; actions: string[] }) {
  const router = useRouter();
  const [filters, setFilters] = useState(initialFilters);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  const query = apiQueryFromFilters(filters);
  const current = loaded?.query === query ? loaded : null;

  useEffect(() => {
    let cancelled = false;
    void requestJson(`/api/audit?${query}`, auditPageSchema, { method: "GET" }).then((result) => {
      if (!cancelled) setLoaded(result.ok ? { query, page: result.data } : { query, error: result.error.message });
    });
    return () => {
      cancelled = true;
    };
  }, [query, attempt]);

  function apply(next: AuditFilters): void {
    setFilters(next);
    const search = searchFromFilters(next);
    router.replace(search ? `/audit?${search}` : "/audit", { scroll: false });
  }

  // While a new page loads, the previous one stays visible, dimmed.
  const shown = current ?? loaded;
  const page = shown && "page" in shown ? shown.page : null;
  const loading = current === null;
  const first = page && page.total > 0 ? (page.page - 1) * page.limit + 1 : 0;
  const last = page ? Math.min(page.page * page.limit, page.total) : 0;
  const lastPage = page ? Math.max(1, Math.ceil(page.total / page.limit)) : 1;

  return (
    <div className="space-y-4">
      <AuditFilterForm applied={filters} actions={actions} onApply={apply} />
      <FormAlert testId="audit-error">
        {current && "error" in current ? (
          <span className="inline-flex flex-wrap items-center gap-2">
            {current.error}
            <button
              type="button"
              className="font-medium underline underline-offset-2"
              onClick={() => setAttempt((value) => value + 1)}
            >
              Try again
            </button>
          </span>
        ) : null}
      </FormAlert>
      <div
        className="flex min-h-6 items-center justify-between gap-3 text-sm text-slate-600 dark:text-slate-400"
        role="status"
        aria-live="polite"
      >
        <span data-testid="audit-summary">
          {loading ? (
            <span className="inline-flex items-center gap-2">
              <Spinner /> Loading entries…
            </span>
          ) : page ? (
            page.total === 0 ? (
              "No entries"
            ) : (
              `Showing ${first.toLocaleString()}–${last.toLocaleString()} of ${page.total.toLocaleString()}`
            )
          ) : null}
        </span>
      </div>
      {page && page.total === 0 && !loading ? (
        <EmptyState
          title={hasFilters(filters) ? "No entries match these filters" : "The audit log is empty"}
          testId="audit-empty"
        >
          {hasFilters(filters)
            ? "Widen the dates, or clear the filters to see every change."
            : "Changes to configurations, users and API tokens appear here as they are made."}
        </EmptyState>
      ) : page ? (
        <div className={loading ? "opacity-60 transition-opacity" : "transition-opacity"} aria-busy={loading}>
          <AuditTable
            entries={page.entries}
            onEntity={(entityType, entityId) => apply({ ...NO_FILTERS, entityType, entityId })}
          />
        </div>
      ) : null}
      {page && lastPage > 1 ? (
        <nav aria-label="Audit log pages" className="flex items-center justify-between gap-3">
          <Button
            variant="secondary"
            disabled={filters.page <= 1 || loading}
            onClick={() => apply({ ...filters, page: filters.page - 1 })}
            data-testid="audit-newer"
          >
            ← Newer
          </Button>
          <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="audit-page">
            Page {filters.page} of {lastPage}
          </span>
          <Button
            variant="secondary"
            disabled={filters.page >= lastPage || loading}
            onClick={() => apply({ ...filters, page: filters.page + 1 })}
            data-testid="audit-older"
          >
            Older →
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
