import { Card } from "@/components/ui/card";

/** The loading shape of an admin page: title, an optional form, and table rows. */
export function TableSkeleton({ label, withForm = false }: { label: string; withForm?: boolean }) {
  return (
    <div role="status" aria-live="polite" data-testid="page-loading">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true" className="motion-safe:animate-pulse">
        <div className="mb-2 h-7 w-40 rounded bg-slate-200 dark:bg-slate-800" />
        <div className="mb-6 h-4 w-96 max-w-full rounded bg-slate-200 dark:bg-slate-800" />
        {withForm ? <Card className="mb-6 h-36" /> : null}
        <Card className="overflow-hidden">
          <div className="h-10 bg-slate-50 dark:bg-slate-900/60" />
          {[0, 1, 2, 3, 4].map((row) => (
            <div key={row} className="flex gap-4 border-t border-slate-100 px-4 py-4 dark:border-slate-800">
              <div className="h-4 w-1/4 rounded bg-slate-200 dark:bg-slate-800" />
              <div className="h-4 w-1/6 rounded bg-slate-200 dark:bg-slate-800" />
              <div className="h-4 w-1/5 rounded bg-slate-200 dark:bg-slate-800" />
            </div>
          ))}
        </Card>
      </div>
    </div>
  );
}
