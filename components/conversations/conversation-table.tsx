import Link from "next/link";
import { ProviderBadge } from "@/components/configurations/provider-badge";
import { StatusBadge } from "@/components/conversations/status-badge";
import { LocalTime } from "@/components/ui/local-time";
import type { ConversationListItem } from "@/lib/contracts/conversations";
import { Card } from "@/components/ui/card";

const ORIGIN_LABELS: Record<ConversationListItem["origin"], string> = {
  prompt: "prompt run",
  chat: "conversation",
  replay: "re-run",
  compare: "comparison",
};

const headClass =
  "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400";

/** One row per conversation; the title links to its page (a comparison's, to the side-by-side set). */
export function ConversationTable({ conversations }: { conversations: ConversationListItem[] }) {
  return (
    <Card className="overflow-x-auto shadow-xs">
      <table className="w-full min-w-[40rem] text-sm" data-testid="conversation-table">
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th scope="col" className={headClass}>
              Title
            </th>
            <th scope="col" className={headClass}>
              Configuration
            </th>
            <th scope="col" className={`${headClass} text-right`}>
              Messages
            </th>
            <th scope="col" className={headClass}>
              Last reply
            </th>
            <th scope="col" className={headClass}>
              Updated
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {conversations.map((conversation) => (
            <tr
              key={conversation.id}
              className="hover:bg-slate-50 dark:hover:bg-slate-800/50"
              data-testid="conversation-row"
              data-id={conversation.id}
            >
              <td className="max-w-sm px-4 py-3">
                <Link
                  href={conversation.isCompareSet ? `/compare/${conversation.id}` : `/conversations/${conversation.id}`}
                  className="block truncate rounded font-medium text-slate-900 hover:text-blue-700 hover:underline dark:text-white dark:hover:text-blue-300"
                  data-testid="conversation-link"
                >
                  {conversation.title}
                </Link>
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  #{conversation.id} ·{" "}
                  {conversation.isCompareSet ? "comparison set" : ORIGIN_LABELS[conversation.origin]}
                  {conversation.importedAt ? (
                    <span
                      title="Imported from a file: its turns, times and usage are the file's"
                      data-testid="imported-badge"
                    >
                      {" "}
                      · imported
                    </span>
                  ) : null}
                </span>
              </td>
              <td className="px-4 py-3">
                {conversation.configuration ? (
                  <div className="flex min-w-0 flex-col items-start gap-1">
                    <span className="truncate text-slate-700 dark:text-slate-300">
                      {conversation.configuration.name}
                    </span>
                    <ProviderBadge provider={conversation.configuration.provider} />
                  </div>
                ) : (
                  <span className="text-slate-500 italic dark:text-slate-400">deleted</span>
                )}
              </td>
              <td className="px-4 py-3 text-right text-slate-700 tabular-nums dark:text-slate-300">
                {conversation.messageCount}
              </td>
              <td className="px-4 py-3">
                {conversation.lastStatus ? (
                  <StatusBadge status={conversation.lastStatus} />
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">none yet</span>
                )}
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-600 dark:text-slate-400">
                <LocalTime iso={conversation.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
