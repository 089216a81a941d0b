"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

const FORMATS = {
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  time: { timeStyle: "medium" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * A timestamp in the reader's locale and time zone. The server does not know them, so it renders
 * the UTC value and the browser replaces it once hydrated (no hydration mismatch).
 */
export function LocalTime({ iso, format = "dateTime", className, testId }: { iso: string; format?: keyof typeof FORMATS; className?: string; testId?: string }) {
  const hydrated = useHydrated();
  const date = new Date(iso);
  const text = hydrated ? date.toLocaleString(undefined, FORMATS[format]) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={hydrated ? date.toString() : iso} className={className} data-testid={testId}>
      {text}
    </time>
  );
}
