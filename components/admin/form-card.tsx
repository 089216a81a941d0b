import type { SubmitEvent, ReactNode } from "react";
import { cardClassName } from "@/components/ui/card";

/** The card an admin page's create form sits in: a title, an optional line, the fields, the submit row. */
export function FormCard({
  title,
  description,
  testId,
  onSubmit,
  submit,
  children,
}: {
  title: string;
  description?: ReactNode;
  testId: string;
  onSubmit: (event: SubmitEvent<HTMLFormElement>) => void;
  submit: ReactNode;
  children: ReactNode;
}) {
  return (
    <form noValidate onSubmit={onSubmit} className={cardClassName("p-5 shadow-xs")} data-testid={testId}>
      <h2 className="text-base font-semibold text-slate-900 dark:text-white">{title}</h2>
      {description ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
      {children}
      <div className="mt-4 flex justify-end">{submit}</div>
    </form>
  );
}
