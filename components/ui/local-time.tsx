"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

/** A timestamp in the reader's own locale and time zone (the server knows neither, so it waits for hydration). */
export function LocalTime({ iso, testId }: { iso: string; testId?: string }) {
  const hydrated = useHydrated();
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={hydrated ? date.toLocaleString() : iso} data-testid={testId}>
      {hydrated ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "…"}
    </time>
  );
}
