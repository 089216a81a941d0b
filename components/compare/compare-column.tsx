"use client";

import { useImperativeHandle, type Ref } from "react";
import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { isActive, type RunState } from "@/components/run/run-state";
import { useRun, type TurnRequest } from "@/components/run/use-run";
import { SavedLink } from "@/components/side-by-side/column-parts";
import { RunColumn } from "@/components/side-by-side/run-column";

export type CompareColumnHandle = {
  start: (request: TurnRequest, endpoint: string) => Promise<RunState | null>;
  stop: () => void;
};

type Props = {
  ref: Ref<CompareColumnHandle>;
  configuration: PlaygroundConfiguration;
  conversationId: number;
  isAdmin: boolean;
};

/** One configuration's reply to the shared prompt, streamed through useRun; the parent starts and stops it. */
export function CompareColumn({ ref, configuration, conversationId, isAdmin }: Props) {
  const { state, now, start, stop } = useRun();
  useImperativeHandle(ref, () => ({ start, stop }), [start, stop]);
  const active = isActive(state.phase);
  return (
    <RunColumn
      configuration={configuration}
      state={state}
      now={now}
      entries={state.phase === "idle" ? [] : [{ key: "reply", message: null, text: state.text, streaming: active }]}
      isAdmin={isAdmin}
      placeholder="The reply appears here as it streams."
      footer={
        active ? null : (
          <SavedLink href={`/conversations/${conversationId}`} testId="compare-conversation-link">
            Open conversation #{conversationId}
          </SavedLink>
        )
      }
    />
  );
}
