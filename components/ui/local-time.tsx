"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

const FORMATS = {
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  dateTimeSeconds: { dateStyle: "medium", timeStyle: "medium" },
  time: { timeStyle: "medium" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

type Props = {
  iso: string | null;
  format?: keyof typeof FORMATS;
  /** Shown when there is no timestamp. */
  fallback?: string;
  className?: string;
  testId?: string;
};

/**
 * A timestamp in the reader's locale and time zone. The server does not know them, so it renders
 * the UTC value and the browser replaces it once hydrated (no hydration mismatch).
 */
export function LocalTime({ iso, format = "dateTime", fallback = "never", className, testId }: Props) {
  const hydrated = useHydrated();
  if (!iso) return <span className="text-slate-400 dark:text-slate-500">{fallback}</span>;
  const date = new Date(iso);
  const text = hydrated ? date.toLocaleString(undefined, FORMATS[format]) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return (
    <time
      dateTime={iso}
      title={hydrated ? date.toString() : iso}
      className={`whitespace-nowrap tabular-nums ${className ?? ""}`.trim()}
      data-testid={testId}
    >
      {text}
    </time>
  );
}
