import type { ReactNode } from "react";

/** The card that frames the sign-in and set-up forms. */
export function AuthPanel({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <section
      aria-labelledby="auth-panel-title"
      className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900 dark:shadow-none"
    >
      <h1 id="auth-panel-title" className="text-xl font-semibold tracking-tight text-slate-900 dark:text-white">
        {title}
      </h1>
      <p className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">{description}</p>
      <div className="mt-6">{children}</div>
      {footer ? (
        <div className="mt-6 border-t border-slate-200 pt-4 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
          {footer}
        </div>
      ) : null}
    </section>
  );
}
