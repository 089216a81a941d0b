export default function Loading() {
  return (
    <div role="status" aria-live="polite" data-testid="page-loading">
      <span className="sr-only">Loading the playground…</span>
      <div aria-hidden="true" className="motion-safe:animate-pulse">
        <div className="mb-2 h-7 w-40 rounded bg-slate-200 dark:bg-slate-800" />
        <div className="mb-6 h-4 w-96 max-w-full rounded bg-slate-200 dark:bg-slate-800" />
        <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
          <div className="h-96 rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" />
          <div className="space-y-4">
            <div className="h-44 rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" />
            <div className="h-28 rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" />
            <div className="h-72 rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" />
          </div>
        </div>
      </div>
    </div>
  );
}
