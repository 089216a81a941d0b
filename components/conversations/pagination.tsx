import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";

function pageHref(query: Record<string, string>, page: number): string {
  const params = new URLSearchParams({ ...query, ...(page > 1 ? { page: String(page) } : {}) });
  if (page <= 1) params.delete("page");
  const text = params.toString();
  return text ? `/conversations?${text}` : "/conversations";
}

function PageLink({
  href,
  label,
  disabled,
  testId,
}: {
  href: string;
  label: string;
  disabled: boolean;
  testId: string;
}) {
  if (disabled) {
    return (
      <span
        aria-disabled="true"
        className={buttonClassName("secondary", "cursor-not-allowed opacity-50")}
        data-testid={testId}
      >
        {label}
      </span>
    );
  }
  return (
    <Link href={href} className={buttonClassName("secondary")} data-testid={testId}>
      {label}
    </Link>
  );
}

/** "21–40 of 53" with previous and next links that keep the filters. */
export function Pagination({
  query,
  page,
  pageSize,
  total,
}: {
  query: Record<string, string>;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600 tabular-nums dark:text-slate-400" data-testid="pagination-summary">
        {first}–{last} of {total.toLocaleString()} · page {page} of {pages}
      </p>
      <div className="flex gap-2">
        <PageLink
          href={pageHref(query, page - 1)}
          label="← Previous"
          disabled={page <= 1}
          testId="pagination-previous"
        />
        <PageLink href={pageHref(query, page + 1)} label="Next →" disabled={page >= pages} testId="pagination-next" />
      </div>
    </nav>
  );
}
