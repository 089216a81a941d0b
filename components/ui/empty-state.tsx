import type { ReactNode } from "react";

/** A dashed panel that says there is nothing here yet and what to do next. */
export function EmptyState({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <div
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center dark:border-slate-700 dark:bg-slate-900/50"
      data-testid={testId}
    >
      <h2 className="text-base font-semibold text-slate-900 dark:text-white">{title}</h2>
      <div className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">{children}</div>
    </div>
  );
}
