"use client";

import Link from "next/link";
import { useState } from "react";
import { ProviderBadge } from "@/components/configurations/provider-badge";
import { ContinueConversation } from "@/components/conversations/continue-conversation";
import { ConversationTitle } from "@/components/conversations/conversation-title";
import { DeleteConversationButton } from "@/components/conversations/delete-conversation-button";
import type { Recording } from "@/components/conversations/playback";
import { PlaybackPanel } from "@/components/conversations/playback-panel";
import { TurnCard } from "@/components/conversations/turn-card";
import { Button, buttonClassName } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { PublicConversation, PublicMessage } from "@/lib/contracts/conversations";
import { cardClassName } from "@/components/ui/card";

type Props = {
  conversation: PublicConversation;
  canChange: boolean;
  isAdmin: boolean;
  /** Who created the conversation: a turn written by someone else names its author. */
  creatorId: number | null;
  /** The conversation's configuration id when it is active, else null. */
  activeConfigurationId: number | null;
  configurations: Array<{ id: number; name: string }>;
};

function recordingOf(message: PublicMessage): Recording | null {
  const { timeline } = message;
  if (message.role !== "assistant" || message.status === "streaming" || !timeline?.length) return null;
  return {
    content: message.content,
    reasoning: message.reasoning ?? "",
    timeline,
    status: message.status,
    finishReason: message.finishReason,
    usage: message.usage,
    metrics: message.metrics,
  };
}

/** A conversation: its turns with their numbers, playback of any reply, and the next turn. */
/** The author to name on a user turn: only when someone other than the conversation's creator wrote it. */
function otherAuthor(message: PublicMessage, creatorId: number | null): string | null {
  if (message.role !== "user" || !message.author || message.author.id === creatorId) return null;
  return message.author.name ?? message.author.email;
}

export function ConversationDetail({
  conversation,
  canChange,
  isAdmin,
  creatorId,
  activeConfigurationId,
  configurations,
}: Props) {
  const [playingId, setPlayingId] = useState<number | null>(null);
  const { id, configuration } = conversation;
  const exportHref = (format: "json" | "md") => `/api/conversations/${id}/export?format=${format}`;

  return (
    <div className="space-y-6" data-testid="conversation-detail" data-id={id}>
      <header className="space-y-3">
        <ConversationTitle key={conversation.title} id={id} title={conversation.title} canRename={canChange} />
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
          <span>#{id}</span>
          {configuration ? (
            <span className="flex items-center gap-2">
              {configuration.name} · {configuration.model} <ProviderBadge provider={configuration.provider} />
            </span>
          ) : (
            <span className="italic">configuration deleted</span>
          )}
          <span>
            started <LocalTime iso={conversation.createdAt} />
          </span>
          {conversation.importedAt ? (
            <span
              className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
              title="Its turns, times and usage are what the uploaded file said; they were not recorded here."
              data-testid="imported-note"
            >
              imported from a file <LocalTime iso={conversation.importedAt} />
            </span>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a href={exportHref("json")} download className={buttonClassName("secondary")} data-testid="export-json">
            Export JSON
          </a>
          <a href={exportHref("md")} download className={buttonClassName("secondary")} data-testid="export-markdown">
            Export Markdown
          </a>
          <Link
            href={`/conversations/${id}/rerun`}
            prefetch={false}
            className={buttonClassName("secondary")}
            data-testid="rerun-link"
          >
            Re-run against other models
          </Link>
          {canChange ? (
            <DeleteConversationButton id={id} title={conversation.title} messageCount={conversation.messages.length} />
          ) : null}
        </div>
      </header>

      {conversation.systemPrompt ? (
        <details className={cardClassName("px-4 py-3 text-sm")} data-testid="system-prompt">
          <summary className="cursor-pointer rounded font-medium text-slate-800 dark:text-slate-200">
            System prompt
          </summary>
          <p className="mt-2 whitespace-pre-wrap text-slate-700 dark:text-slate-300">{conversation.systemPrompt}</p>
        </details>
      ) : null}

      {conversation.messages.length === 0 ? (
        <p
          className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
          data-testid="turns-empty"
        >
          No turns yet. Write the first message below.
        </p>
      ) : (
        <ol className="space-y-3" aria-label="Turns" data-testid="turns">
          {conversation.messages.map((message) => {
            const recording = recordingOf(message);
            const playing = recording !== null && playingId === message.id;
            const action = recording ? (
              <Button
                variant="ghost"
                onClick={() => setPlayingId(playing ? null : message.id)}
                aria-expanded={playing}
                className="py-1 text-xs"
                data-testid="playback-button"
              >
                {playing ? "Hide playback" : "▶ Play back"}
              </Button>
            ) : null;
            return (
              <TurnCard key={message.id} message={message} actions={action} author={otherAuthor(message, creatorId)}>
                {playing && recording ? (
                  <PlaybackPanel recording={recording} onClose={() => setPlayingId(null)} />
                ) : undefined}
              </TurnCard>
            );
          })}
        </ol>
      )}

      <ContinueConversation
        conversationId={id}
        params={conversation.params}
        savedMessages={conversation.messages}
        configurationId={activeConfigurationId}
        configurations={configurations}
        isAdmin={isAdmin}
      />
    </div>
  );
}
