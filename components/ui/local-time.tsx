"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

const formatter = (withSeconds: boolean) => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: withSeconds ? "medium" : "short" });

/**
 * A timestamp in the reader's own locale and time zone. The server does not know them, so it
 * renders UTC and the browser replaces it once hydrated.
 */
export function LocalTime({ iso, withSeconds = false, fallback = "never" }: { iso: string | null; withSeconds?: boolean; fallback?: string }) {
  const hydrated = useHydrated();
  if (!iso) return <span className="text-slate-400 dark:text-slate-500">{fallback}</span>;
  const date = new Date(iso);
  const text = hydrated ? formatter(withSeconds).format(date) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={hydrated ? date.toString() : iso} className="whitespace-nowrap tabular-nums">
      {text}
    </time>
  );
}
