import { Card } from "@/components/ui/card";
/** A page title and three cards, pulsing: what a list page shows while its data loads. */
export function PageSkeleton() {
  return (
    <div role="status" aria-live="polite" data-testid="page-loading">
      <span className="sr-only">Loading…</span>
      <div aria-hidden="true" className="motion-safe:animate-pulse">
        <div className="mb-2 h-7 w-48 rounded bg-slate-200 dark:bg-slate-800" />
        <div className="mb-6 h-4 w-72 max-w-full rounded bg-slate-200 dark:bg-slate-800" />
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {[0, 1, 2].map((index) => (
            <Card key={index} className="h-52" />
          ))}
        </div>
      </div>
    </div>
  );
}
