"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

/** A saved moment in the reader's own locale and time zone (the server knows neither). */
export function SavedAt({ iso }: { iso: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={iso} data-testid="saved-at">
      {hydrated
        ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
        : iso.slice(0, 16).replace("T", " ")}
    </time>
  );
}
