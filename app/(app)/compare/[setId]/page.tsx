import type { Metadata } from "next";
import Link from "next/link";
import { CompareSetView, type SavedMember } from "@/components/compare/compare-set-view";
import { PageHeader } from "@/components/layout/page-header";
import { RichText } from "@/components/run/rich-text";
import { SavedAt } from "@/components/side-by-side/saved-at";
import { buttonClassName } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/page-user";
import { pagePrincipal } from "@/lib/auth/policy";
import { getCompareSet } from "@/lib/db/conversation-sets";
import { foundOr404, pageRecordId } from "@/lib/http/page-records";
import { cardClassName } from "@/components/ui/card";

export const metadata: Metadata = { title: "Compare set" };
export const dynamic = "force-dynamic";

export default async function CompareSetPage({ params }: PageProps<"/compare/[setId]">) {
  const user = await requirePageUser();
  const id = pageRecordId((await params).setId);
  const set = await foundOr404(() => getCompareSet({ id, visibleTo: pagePrincipal(user) }));
  const prompt =
    set.replays.flatMap((member) => member.messages.filter((message) => message.role === "user"))[0]?.content ?? null;
  const members: SavedMember[] = set.replays.map((member) => {
    const reply = member.messages.find((message) => message.role === "assistant") ?? null;
    return {
      conversationId: member.id,
      configuration: member.configuration,
      reply: reply ? { ...reply, conversationId: member.id } : null,
    };
  });

  return (
    <div data-testid="compare-set" data-set-id={set.id}>
      <PageHeader
        title={set.title}
        description={
          <>
            Compare set #{set.id}, saved <SavedAt iso={set.createdAt.toISOString()} />, {members.length} configurations.
          </>
        }
        aside={
          <Link href="/compare" className={buttonClassName("secondary")}>
            New comparison
          </Link>
        }
      />
      <section aria-label="Prompt" className={cardClassName("mb-6 space-y-3 p-4 text-sm shadow-xs")}>
        {set.systemPrompt ? (
          <div>
            <h2 className="text-xs font-medium text-slate-500 dark:text-slate-400">System prompt</h2>
            <p className="mt-1 whitespace-pre-wrap text-slate-800 dark:text-slate-200">{set.systemPrompt}</p>
          </div>
        ) : null}
        <div>
          <h2 className="text-xs font-medium text-slate-500 dark:text-slate-400">Prompt</h2>
          <div className="mt-1 text-slate-900 dark:text-white" data-testid="compare-set-prompt">
            {prompt ? (
              <RichText text={prompt} />
            ) : (
              <p className="text-slate-500 dark:text-slate-400">
                The prompt was never sent: the set was left before its replies started.
              </p>
            )}
          </div>
        </div>
      </section>
      <CompareSetView members={members} isAdmin={user.role === "admin"} />
    </div>
  );
}
