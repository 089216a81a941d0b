import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { toPlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { RerunView } from "@/components/rerun/rerun-view";
import { originalTurns } from "@/components/rerun/turn-table";
import { buttonClassName } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/page-user";
import { pagePrincipal } from "@/lib/auth/policy";
import { listConfigurations } from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";
import { getConversationWithMessages } from "@/lib/db/conversations";
import { foundOr404, pageRecordId } from "@/lib/http/page-records";
import { REPLAY_MAX } from "@/lib/validation/conversation-sets";
import { runParamsSchema } from "@/lib/validation/stream";

export const metadata: Metadata = { title: "Re-run conversation" };
export const dynamic = "force-dynamic";

function EmptyState({
  title,
  children,
  href,
  action,
}: {
  title: string;
  children: string;
  href: string;
  action: string;
}) {
  return (
    <div
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center dark:border-slate-700 dark:bg-slate-900/50"
      data-testid="rerun-empty"
    >
      <h2 className="text-base font-semibold text-slate-900 dark:text-white">{title}</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">{children}</p>
      <Link href={href} prefetch={false} className={buttonClassName("secondary", "mt-5")}>
        {action}
      </Link>
    </div>
  );
}

export default async function RerunPage({ params }: PageProps<"/conversations/[id]/rerun">) {
  const user = await requirePageUser();
  const id = pageRecordId((await params).id);
  const conversation = await foundOr404(() => getConversationWithMessages({ id, visibleTo: pagePrincipal(user) }));
  const configurations = (await listConfigurations()).map((row) =>
    toPlaygroundConfiguration(toPublicConfiguration(row)),
  );
  const turns = originalTurns(
    conversation.messages.map(({ role, content, status, completionTokens, ttftMs, durationMs }) => ({
      role,
      content,
      status,
      completionTokens,
      ttftMs,
      durationMs,
    })),
  );
  const parsedParams = runParamsSchema.safeParse(conversation.params);
  const originalName = conversation.configuration
    ? `${conversation.configuration.name} (${conversation.configuration.model})`
    : "deleted configuration";

  return (
    <>
      <PageHeader
        title={`Re-run: ${conversation.title}`}
        description={
          <>
            Send this conversation&apos;s {turns.length} user turn{turns.length === 1 ? "" : "s"} again, in order, to
            other configurations, and compare each reply with the original on {originalName}.
            {conversation.systemPrompt
              ? " The original system prompt and parameters go with them."
              : " The original parameters go with them."}
          </>
        }
        aside={
          <Link
            href={`/conversations/${conversation.id}`}
            prefetch={false}
            className={buttonClassName("secondary")}
            data-testid="rerun-back"
          >
            Back to the conversation
          </Link>
        }
      />
      {turns.length === 0 ? (
        <EmptyState
          title="Nothing to re-run yet"
          href={`/conversations/${conversation.id}`}
          action="Open the conversation"
        >
          This conversation has no user turn. Send it a message first, then come back to re-run it on other
          configurations.
        </EmptyState>
      ) : configurations.length === 0 ? (
        <EmptyState title="No active configuration" href="/" action="Go to the configurations">
          {user.role === "admin"
            ? "Add or activate a configuration; it can then re-run this conversation."
            : "Ask an administrator to add or activate a configuration."}
        </EmptyState>
      ) : (
        <RerunView
          conversationId={conversation.id}
          originalConfigurationId={conversation.configurationId}
          originalName={originalName}
          params={parsedParams.success ? parsedParams.data : {}}
          turns={turns}
          configurations={configurations}
          isAdmin={user.role === "admin"}
          maxColumns={REPLAY_MAX}
        />
      )}
    </>
  );
}
