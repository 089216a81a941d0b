"use client";

import type { ReactNode } from "react";
import { StatusBadge } from "@/components/conversations/status-badge";
import { formatCount, formatMs, formatSeconds } from "@/components/run/format";
import { RichText } from "@/components/run/rich-text";
import { LocalTime } from "@/components/ui/local-time";
import { tokensPerSecond } from "@/lib/contracts/metrics";
import type { PublicMessage } from "@/lib/contracts/conversations";

const ROLE_LABELS: Record<PublicMessage["role"], string> = { system: "System", user: "You", assistant: "Assistant" };

function Meta({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <span className="whitespace-nowrap">
      <span className="text-slate-500 dark:text-slate-400">{label} </span>
      <span className="font-medium text-slate-700 tabular-nums dark:text-slate-200" data-testid={testId}>
        {children}
      </span>
    </span>
  );
}

/** A reply's numbers: status, usage (provider's or estimated), time to first token, duration, rate. */
function ReplyNumbers({ message }: { message: PublicMessage }) {
  const { usage } = message;
  const completion = usage.completionTokens ?? usage.estimatedTokens;
  const rate = tokensPerSecond({ tokens: completion, ...message.metrics });
  return (
    <div
      className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1.5 border-t border-slate-100 pt-2.5 text-xs dark:border-slate-800"
      data-testid="turn-numbers"
    >
      <StatusBadge status={message.status} testId="turn-status" />
      <Meta label="prompt" testId="turn-prompt-tokens">
        {formatCount(usage.promptTokens)}
      </Meta>
      <Meta label="completion" testId="turn-completion-tokens">
        {completion === null ? "—" : `${usage.source === "provider" ? "" : "≈"}${formatCount(completion)}`}
      </Meta>
      {usage.reasoningTokens ? (
        <Meta label="reasoning" testId="turn-reasoning-tokens">
          {formatCount(usage.reasoningTokens)}
        </Meta>
      ) : null}
      <Meta label="first token" testId="turn-ttft">
        {formatMs(message.metrics.ttftMs)}
      </Meta>
      <Meta label="duration" testId="turn-duration">
        {formatSeconds(message.metrics.durationMs)}
      </Meta>
      <Meta label="tokens/s" testId="turn-tps">
        {rate === null ? "—" : rate.toFixed(1)}
      </Meta>
    </div>
  );
}

/**
 * One saved turn. A reply shows its reasoning (collapsed), its numbers and any error; `actions` sit
 * in its header; `author` names who wrote a turn when it was not the conversation's creator.
 */
export function TurnCard({
  message,
  actions,
  author = null,
  children,
}: {
  message: PublicMessage;
  actions?: ReactNode;
  author?: string | null;
  children?: ReactNode;
}) {
  const assistant = message.role === "assistant";
  return (
    <li
      className={`rounded-xl border px-4 py-3 shadow-xs ${assistant ? "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" : "border-blue-100 bg-blue-50/60 dark:border-blue-900/50 dark:bg-blue-950/30"}`}
      data-testid="turn"
      data-role={message.role}
      data-message-id={message.id}
    >
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1">
        <span
          className="text-sm font-semibold text-slate-900 dark:text-white"
          data-testid={author === null ? undefined : "turn-author"}
        >
          {author === null ? ROLE_LABELS[message.role] : author}
        </span>
        {author === null ? null : (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950/60 dark:text-amber-200">
            not the conversation&apos;s creator
          </span>
        )}
        <LocalTime iso={message.createdAt} className="text-xs text-slate-500 dark:text-slate-400" />
        {actions ? <div className="ml-auto flex items-center gap-2">{actions}</div> : null}
      </div>
      {message.reasoning ? (
        <details className="mb-2 rounded-md bg-violet-50/70 px-3 py-2 text-sm text-violet-950/90 dark:bg-violet-950/30 dark:text-violet-100/90">
          <summary className="cursor-pointer rounded font-medium text-violet-900 dark:text-violet-200">
            Thinking
          </summary>
          <p className="mt-2 whitespace-pre-wrap">{message.reasoning}</p>
        </details>
      ) : null}
      {children ?? (
        <div className="text-[0.9375rem] leading-relaxed text-slate-800 dark:text-slate-200" data-testid="turn-content">
          {message.content === "" ? (
            <p className="text-sm text-slate-500 italic dark:text-slate-400">No text.</p>
          ) : assistant ? (
            <RichText text={message.content} />
          ) : (
            <p className="whitespace-pre-wrap break-words">{message.content}</p>
          )}
        </div>
      )}
      {message.error ? (
        <p
          className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/40 dark:text-red-200"
          data-testid="turn-error"
        >
          {message.error.message ?? message.error.code}
        </p>
      ) : null}
      {assistant ? <ReplyNumbers message={message} /> : null}
    </li>
  );
}
