import type { ComponentProps, ReactNode } from "react";

/**
 * A live region that is always in the document, so screen readers announce a message as soon
 * as it appears; the box itself renders only while there is something to say.
 */
export function FormAlert({
  testId,
  children,
  ...props
}: { testId: string; children: ReactNode } & Omit<ComponentProps<"div">, "role" | "children">) {
  return (
    <div role="alert" data-testid={testId} {...props}>
      {children ? (
        <div className="flex gap-2.5 rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200">
          <svg className="mt-0.5 size-4 shrink-0" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
            <path
              fillRule="evenodd"
              d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
          <div className="min-w-0">{children}</div>
        </div>
      ) : null}
    </div>
  );
}
