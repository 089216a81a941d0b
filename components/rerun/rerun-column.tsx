"use client";

import { useImperativeHandle, type Ref } from "react";
import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { isActive } from "@/components/run/run-state";
import { useTurnSequence, type FinishedTurn, type TurnPlan } from "@/components/rerun/use-turn-sequence";
import { SavedLink } from "@/components/side-by-side/column-parts";
import { RunColumn, type ColumnEntry } from "@/components/side-by-side/run-column";

export type RerunColumnHandle = {
  play: (plan: TurnPlan, onTurn: (turn: FinishedTurn, index: number) => void) => Promise<FinishedTurn[]>;
  stop: () => void;
};

type Props = {
  ref: Ref<RerunColumnHandle>;
  configuration: PlaygroundConfiguration;
  conversationId: number;
  turnCount: number;
  isAdmin: boolean;
  done: boolean;
};

/** One configuration re-running every turn in order; the parent starts and stops it. */
export function RerunColumn({ ref, configuration, conversationId, turnCount, isAdmin, done }: Props) {
  const { state, now, finished, current, play, stop } = useTurnSequence();
  useImperativeHandle(ref, () => ({ play, stop }), [play, stop]);

  const entries: ColumnEntry[] = finished.map((turn, index) => ({
    key: `turn-${index}`,
    message: turn.message,
    text: turn.state.text,
    streaming: false,
  }));
  if (current !== null)
    entries.push({
      key: `turn-${finished.length}`,
      message: current,
      text: isActive(state.phase) ? state.text : "",
      streaming: true,
    });
  const turnNumber = Math.min(finished.length + (current !== null ? 1 : 0), turnCount);

  return (
    <RunColumn
      configuration={configuration}
      state={state}
      now={now}
      entries={entries}
      isAdmin={isAdmin}
      progress={`Turn ${turnNumber} of ${turnCount}`}
      placeholder="The re-run's replies appear here."
      footer={
        done ? (
          <SavedLink href={`/conversations/${conversationId}`} testId="rerun-conversation-link">
            Open the saved re-run, conversation #{conversationId}
          </SavedLink>
        ) : (
          <span className="text-slate-500 dark:text-slate-400">Saving as conversation #{conversationId}</span>
        )
      }
    />
  );
}
