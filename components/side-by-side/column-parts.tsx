import Link from "next/link";
import type { ReactNode } from "react";
import { ProviderBadge } from "@/components/configurations/provider-badge";
import type { ProviderName } from "@/lib/llm/providers/catalog";

/** The provider badge and the model name, truncated to the space there is. */
export function ProviderAndModel({ provider, model }: { provider: ProviderName; model: string }) {
  return (
    <span className="mt-0.5 flex min-w-0 items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
      <ProviderBadge provider={provider} />
      <span className="truncate font-mono" title={model}>
        {model}
      </span>
    </span>
  );
}

/** A link to a saved conversation or set; not prefetched, since a page full of columns would fetch them all. */
export function SavedLink({ href, testId, children }: { href: string; testId: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      prefetch={false}
      className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
      data-testid={testId}
    >
      {children}
    </Link>
  );
}

/** Grid classes for `count` columns: side by side as far as the width allows. */
export function columnGridClassName(count: number): string {
  return `grid gap-4 ${count >= 2 ? "md:grid-cols-2" : ""} ${count >= 3 ? "xl:grid-cols-3" : ""}`.trim();
}
