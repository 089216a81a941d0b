import type { ReactNode } from "react";

// The look of components/ui/text-field.tsx, for the textareas and selects it does not cover.

export function controlClassName(error: string | undefined, extra = ""): string {
  const tone = error
    ? "border-red-500 focus:border-red-500 dark:border-red-400"
    : "border-slate-300 focus:border-blue-500 dark:border-slate-700 dark:focus:border-blue-400";
  return `block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500 ${tone} ${extra}`.trim();
}

/** aria-describedby for a control with an optional hint and error. */
export function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** Label above, hint and error below, tied to the control through ids. */
export function Field({
  id,
  label,
  labelNote,
  hint,
  error,
  children,
  className = "",
}: {
  id: string;
  label: string;
  labelNote?: string | undefined;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label
        htmlFor={id}
        className="flex items-baseline justify-between gap-2 text-sm font-medium text-slate-800 dark:text-slate-200"
      >
        <span>{label}</span>
        {labelNote ? (
          <span className="truncate text-xs font-normal text-slate-500 dark:text-slate-400">{labelNote}</span>
        ) : null}
      </label>
      <div className="mt-1.5">{children}</div>
      {hint ? (
        <div id={`${id}-hint`} className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p
          id={`${id}-error`}
          className="mt-1.5 text-xs font-medium text-red-600 dark:text-red-400"
          data-testid={`${id}-error`}
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}
