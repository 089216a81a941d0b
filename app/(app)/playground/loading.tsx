import { Card } from "@/components/ui/card";

export default function Loading() {
  return (
    <div role="status" aria-live="polite" data-testid="page-loading">
      <span className="sr-only">Loading the playground…</span>
      <div aria-hidden="true" className="motion-safe:animate-pulse">
        <div className="mb-2 h-7 w-40 rounded bg-slate-200 dark:bg-slate-800" />
        <div className="mb-6 h-4 w-96 max-w-full rounded bg-slate-200 dark:bg-slate-800" />
        <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
          <Card className="h-96" />
          <div className="space-y-4">
            <Card className="h-44" />
            <Card className="h-28" />
            <Card className="h-72" />
          </div>
        </div>
      </div>
    </div>
  );
}
