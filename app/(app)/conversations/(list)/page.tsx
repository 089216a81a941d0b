import type { Metadata } from "next";
import Link from "next/link";
import { listConversationsQuery } from "@/app/api/conversations/schema";
import { ConversationFilters, type FilterValues } from "@/components/conversations/conversation-filters";
import { ConversationTable } from "@/components/conversations/conversation-table";
import { ImportButton } from "@/components/conversations/import-button";
import { Pagination } from "@/components/conversations/pagination";
import { PageHeader } from "@/components/layout/page-header";
import { buttonClassName } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/page-user";
import { isAdmin, pagePrincipal } from "@/lib/auth/policy";
import { toConversationListItem } from "@/lib/views/conversation-list";
import { listConfigurations } from "@/lib/db/configurations";
import { listConversations } from "@/lib/db/conversations";
import { toIssues } from "@/lib/validation/issues";

export const metadata: Metadata = { title: "Conversations" };

export const dynamic = "force-dynamic";

const FILTER_NAMES = ["search", "configuration", "provider", "status", "from", "to"] as const;

function Empty({ filtered }: { filtered: boolean }) {
  return (
    <div
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center dark:border-slate-700 dark:bg-slate-900/50"
      data-testid="conversations-empty"
    >
      <h2 className="text-base font-semibold text-slate-900 dark:text-white">
        {filtered ? "No conversation matches these filters" : "No conversations yet"}
      </h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
        {filtered
          ? "Loosen the search or clear the filters."
          : "Every prompt you run in the playground is saved here, with its usage and timing. Run one, or import a JSON export."}
      </p>
      <Link href={filtered ? "/conversations" : "/playground"} className={buttonClassName("secondary", "mt-5")}>
        {filtered ? "Clear the filters" : "Open the playground"}
      </Link>
    </div>
  );
}

export default async function ConversationsPage({ searchParams }: PageProps<"/conversations">) {
  // The layout checks too, but a page must not rely on it: they render independently.
  const principal = pagePrincipal(await requirePageUser());
  const raw = await searchParams;
  // First value of each parameter, empty ones dropped (an empty select means "any").
  const query = Object.fromEntries(
    Object.entries(raw)
      .map(([name, value]) => [name, Array.isArray(value) ? value[0] : value] as const)
      .filter((entry): entry is readonly [string, string] => typeof entry[1] === "string" && entry[1].trim() !== ""),
  );
  const parsed = listConversationsQuery.safeParse(query);
  const problem = parsed.success ? null : toIssues(parsed.error)[0];
  const filters = parsed.success ? parsed.data : listConversationsQuery.parse({});
  const [{ total, conversations }, configurations] = await Promise.all([
    listConversations({
      visibleTo: principal,
      filters: {
        search: filters.search || undefined,
        configurationId: filters.configuration,
        provider: filters.provider,
        status: filters.status,
        createdFrom: filters.from,
        createdBefore: filters.to,
        page: filters.page,
        pageSize: filters.pageSize,
      },
    }),
    listConfigurations({ includeInactive: true }),
  ]);
  const values = Object.fromEntries(
    FILTER_NAMES.map((name) => [name, parsed.success ? (query[name] ?? "") : ""]),
  ) as FilterValues;
  const filtered = FILTER_NAMES.some((name) => values[name] !== "");
  const keptQuery = Object.fromEntries(Object.entries(query).filter(([name]) => name !== "page"));

  return (
    <>
      <PageHeader
        title="Conversations"
        description={`${isAdmin(principal) ? "Every user's" : "Your"} saved prompt runs and conversations, newest first, with their turns, usage and timing.`}
        aside={<ImportButton />}
      />
      <ConversationFilters
        key={JSON.stringify(values)}
        values={values}
        configurations={configurations.map(({ id, name }) => ({ id, name }))}
      />
      {problem ? (
        <p
          role="alert"
          className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
          data-testid="filters-invalid"
        >
          The address has a filter this page cannot use ({problem.path}: {problem.message}), so all conversations are
          shown. Set the filters again above.
        </p>
      ) : null}
      {conversations.length === 0 ? (
        <Empty filtered={filtered || filters.page > 1} />
      ) : (
        <>
          <ConversationTable conversations={conversations.map(toConversationListItem)} />
          <Pagination query={keptQuery} page={filters.page} pageSize={filters.pageSize} total={total} />
        </>
      )}
    </>
  );
}
