"use client";

import { useState } from "react";
import { flushSync } from "react-dom";
import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { figuresOfRun, buildTurnRows, type OriginalTurn, type TurnFigures } from "@/components/rerun/turn-table";
import { RerunColumn, type RerunColumnHandle } from "@/components/rerun/rerun-column";
import { TurnComparisonTable } from "@/components/rerun/turn-comparison-table";
import { ConfigurationChecklist } from "@/components/side-by-side/configuration-checklist";
import { columnGridClassName } from "@/components/side-by-side/column-parts";
import { columnsFor, type Column } from "@/components/side-by-side/created-conversations";
import { replaysAnswerSchema } from "@/lib/contracts/conversations";
import { requestJson } from "@/components/api/request-json";
import { useColumnHandles } from "@/components/side-by-side/use-column-handles";
import { RunControls } from "@/components/side-by-side/run-controls";
import { useEscapeKey } from "@/components/ui/use-escape-key";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { RunParams } from "@/lib/validation/stream";
import { cardClassName } from "@/components/ui/card";

type Phase = "choosing" | "creating" | "running" | "finished";

type Props = {
  conversationId: number;
  originalConfigurationId: number | null;
  originalName: string;
  params: RunParams;
  turns: OriginalTurn[];
  configurations: PlaygroundConfiguration[];
  isAdmin: boolean;
  maxColumns: number;
};

function withTurn(
  row: Array<TurnFigures | undefined>,
  index: number,
  figures: TurnFigures,
): Array<TurnFigures | undefined> {
  const next = [...row];
  next[index] = figures;
  return next;
}

/** Pick configurations, re-run every user turn on each side by side, then compare turn by turn. */
export function RerunView({
  conversationId,
  originalConfigurationId,
  originalName,
  params,
  turns,
  configurations,
  isAdmin,
  maxColumns,
}: Props) {
  const hydrated = useHydrated();
  const toast = useToast();
  const [selected, setSelected] = useState<number[]>([]);
  const [phase, setPhase] = useState<Phase>("choosing");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [columns, setColumns] = useState<Column[]>([]);
  const [figures, setFigures] = useState<Array<Array<TurnFigures | undefined>>>([]);
  const { refFor, get, stopAll, stopping, setStopping } = useColumnHandles<RerunColumnHandle>();

  useEscapeKey(phase === "running", stopAll);

  async function start(): Promise<void> {
    if (phase === "creating" || phase === "running") return;
    if (selected.length === 0) {
      setProblem("Choose at least one configuration to re-run the conversation on.");
      return;
    }
    setProblem(undefined);
    setPhase("creating");
    const created = await requestJson(`/api/conversations/${conversationId}/replays`, replaysAnswerSchema, {
      method: "POST",
      body: { configurations: selected.map(String) },
    });
    if (!created.ok) {
      setProblem(created.error.message);
      toast(created.error.message, "error");
      setPhase("choosing");
      return;
    }
    const next = columnsFor(created.data.conversations, configurations);
    // The columns must be mounted (their handles attached) before their turns start.
    flushSync(() => {
      setColumns(next);
      setFigures(next.map(() => []));
      setStopping(false);
      setPhase("running");
    });
    const messages = turns.map((turn) => turn.message);
    const results = await Promise.all(
      next.map(
        (column, columnIndex) =>
          get(column.conversationId)?.play(
            { endpoint: `/api/conversations/${column.conversationId}/stream`, messages, params },
            (turn, turnIndex) => {
              setFigures((current) =>
                current.map((row, index) =>
                  index === columnIndex ? withTurn(row, turnIndex, figuresOfRun(turn.state)) : row,
                ),
              );
            },
          ) ?? Promise.resolve([]),
      ),
    );
    setPhase("finished");
    setStopping(false);
    const complete = results.filter(
      (result) => result.length === turns.length && result.every((turn) => turn.state.phase === "done"),
    ).length;
    if (complete === next.length)
      toast(`Re-run finished: ${next.length} conversation${next.length === 1 ? "" : "s"} saved.`);
    else
      toast(
        `Re-run ended early in ${next.length - complete} of ${next.length} columns; what arrived is saved.`,
        "info",
      );
  }

  const running = phase === "running";
  return (
    <div className="space-y-6" data-testid="rerun-view" data-phase={phase}>
      <section aria-label="Re-run settings" className={cardClassName("space-y-4 p-4 shadow-xs")}>
        <ConfigurationChecklist
          configurations={configurations}
          selected={selected}
          onChange={(ids) => {
            setSelected(ids);
            setProblem(undefined);
          }}
          max={maxColumns}
          disabled={phase === "creating" || running}
          legend="Re-run on"
          hint="Each chosen configuration gets a new conversation with the original's system prompt and parameters; its turns are sent in order."
          error={problem}
          noteFor={(configuration) => (configuration.id === originalConfigurationId ? "original" : null)}
        />
        <RunControls
          ready={hydrated}
          running={running}
          pending={phase === "creating"}
          stopping={stopping}
          startLabel={
            phase === "finished" ? "Re-run again" : `Re-run ${turns.length} turn${turns.length === 1 ? "" : "s"}`
          }
          startTestId="rerun-start"
          onStart={() => void start()}
          onStop={stopAll}
        />
      </section>
      {columns.length > 0 ? (
        <>
          <div className={columnGridClassName(columns.length)} data-testid="rerun-columns">
            {columns.map((column) => (
              <RerunColumn
                key={column.conversationId}
                ref={refFor(column.conversationId)}
                configuration={column.configuration}
                conversationId={column.conversationId}
                turnCount={turns.length}
                isAdmin={isAdmin}
                done={phase === "finished"}
              />
            ))}
          </div>
          <TurnComparisonTable
            rows={buildTurnRows(turns, figures)}
            originalName={originalName}
            columns={columns.map((column) => ({ id: column.configuration.id, name: column.configuration.name }))}
          />
        </>
      ) : null}
    </div>
  );
}
