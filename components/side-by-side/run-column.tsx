"use client";

import type { ReactNode } from "react";
import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { RichText } from "@/components/run/rich-text";
import { RunError } from "@/components/run/run-error";
import type { RunState } from "@/components/run/run-state";
import { StatusBar } from "@/components/run/status-bar";
import { ProviderAndModel } from "@/components/side-by-side/column-parts";
import { useStickToBottom } from "@/components/run/use-stick-to-bottom";
import { Card } from "@/components/ui/card";

/** One exchange shown in a column: the user's message (when the column shows them) and the reply. */
export type ColumnEntry = { key: string; message: string | null; text: string; streaming: boolean };

type Props = {
  configuration: Pick<PlaygroundConfiguration, "id" | "name" | "provider" | "model">;
  state: RunState;
  now: number;
  entries: ColumnEntry[];
  isAdmin: boolean;
  progress?: string | undefined;
  placeholder: string;
  footer?: ReactNode;
};

/** A configuration's column: its live numbers, then the reply (or replies) as they stream. */
export function RunColumn({ configuration, state, now, entries, isAdmin, progress, placeholder, footer }: Props) {
  const streamed = entries.map((entry) => entry.text).join("");
  const { ref, onScroll } = useStickToBottom<HTMLDivElement>(streamed);
  return (
    <article
      aria-label={`${configuration.name} (${configuration.model})`}
      className="flex min-w-0 flex-col gap-3 rounded-xl border border-slate-200 bg-slate-50/60 p-3 dark:border-slate-800 dark:bg-slate-900/40"
      data-testid="run-column"
      data-configuration-id={configuration.id}
      data-phase={state.phase}
    >
      <header className="flex min-w-0 items-center justify-between gap-2 px-1">
        <div className="min-w-0">
          <h2 className="truncate text-sm font-semibold text-slate-900 dark:text-white">{configuration.name}</h2>
          <ProviderAndModel provider={configuration.provider} model={configuration.model} />
        </div>
        {progress ? (
          <span
            className="shrink-0 text-xs font-medium text-slate-600 tabular-nums dark:text-slate-300"
            data-testid="column-progress"
          >
            {progress}
          </span>
        ) : null}
      </header>
      <StatusBar state={state} now={now} compact />
      {state.failure ? <RunError failure={state.failure} configurationId={configuration.id} isAdmin={isAdmin} /> : null}
      <Card
        ref={ref}
        onScroll={onScroll}
        tabIndex={0}
        aria-label={`Replies of ${configuration.name}`}
        aria-busy={entries.some((entry) => entry.streaming)}
        className="max-h-[28rem] min-h-40 space-y-3 overflow-y-auto px-4 py-3 text-[0.9375rem] leading-relaxed text-slate-800 dark:text-slate-200"
      >
        {entries.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">{placeholder}</p> : null}
        {entries.map((entry) => (
          <div key={entry.key} className="space-y-2" data-testid="column-entry">
            {entry.message !== null ? (
              <p
                className="ml-auto w-fit max-w-[90%] rounded-lg bg-slate-100 px-3 py-1.5 text-sm whitespace-pre-wrap text-slate-700 dark:bg-slate-800 dark:text-slate-300"
                data-testid="column-message"
              >
                {entry.message}
              </p>
            ) : null}
            {entry.text === "" ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">
                {entry.streaming ? "Waiting for the reply…" : "No reply text."}
              </p>
            ) : null}
            <div data-testid="column-output">
              {entry.text === "" ? null : <RichText text={entry.text} streaming={entry.streaming} />}
            </div>
          </div>
        ))}
      </Card>
      {footer ? <div className="px-1 text-sm">{footer}</div> : null}
    </article>
  );
}
