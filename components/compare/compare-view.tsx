"use client";

import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { CompareColumn, type CompareColumnHandle } from "@/components/compare/compare-column";
import { checkParameters, EMPTY_PARAMETERS, type ParameterValues } from "@/components/composer/parameter-values";
import { ParametersFieldset } from "@/components/composer/parameters-fieldset";
import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { PromptComposer, promptProblem } from "@/components/composer/prompt-composer";
import { SystemPromptField } from "@/components/composer/system-prompt-field";
import { ConfigurationChecklist } from "@/components/side-by-side/configuration-checklist";
import { columnGridClassName, SavedLink } from "@/components/side-by-side/column-parts";
import { columnsFor, type Column } from "@/components/side-by-side/created-conversations";
import { compareSetAnswerSchema } from "@/lib/contracts/conversations";
import { requestJson } from "@/components/api/request-json";
import { useColumnHandles } from "@/components/side-by-side/use-column-handles";
import { useEscapeKey } from "@/components/ui/use-escape-key";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { cardClassName } from "@/components/ui/card";

type Phase = "composing" | "creating" | "running" | "finished";

type Props = { configurations: PlaygroundConfiguration[]; isAdmin: boolean; min: number; max: number };

/** One prompt to several configurations at once, each streaming in its own column; saved as a set. */
export function CompareView({ configurations, isAdmin, min, max }: Props) {
  const hydrated = useHydrated();
  const toast = useToast();
  const [selected, setSelected] = useState<number[]>([]);
  const [system, setSystem] = useState("");
  const [prompt, setPrompt] = useState("");
  const [values, setValues] = useState<ParameterValues>(EMPTY_PARAMETERS);
  const [submitted, setSubmitted] = useState(false);
  const [promptError, setPromptError] = useState<string | undefined>(undefined);
  const [selectionError, setSelectionError] = useState<string | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>("composing");
  const [columns, setColumns] = useState<Column[]>([]);
  const [setId, setSetId] = useState<number | null>(null);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const { refFor, get, stopAll, stopping, setStopping } = useColumnHandles<CompareColumnHandle>();

  const chosen = selected.flatMap((id) => configurations.filter((configuration) => configuration.id === id));
  // Parameters are shared; the form follows the first chosen configuration's provider.
  const lead = chosen[0] ?? configurations[0];
  const check = lead ? checkParameters(values, lead.provider) : null;
  const busy = phase === "creating" || phase === "running";

  useEscapeKey(phase === "running", stopAll);

  async function send(): Promise<void> {
    if (busy || !check) return;
    setSubmitted(true);
    const problem = promptProblem(prompt);
    setPromptError(problem);
    const selection = selected.length < min ? `Choose at least ${min} configurations to compare.` : undefined;
    setSelectionError(selection);
    if (problem) promptRef.current?.focus();
    if (problem || selection || !check.ok) return;

    setPhase("creating");
    const body = {
      configurations: selected.map(String),
      prompt,
      system: system.trim() === "" ? undefined : system,
      ...check.params,
    };
    const created = await requestJson("/api/compare-sets", compareSetAnswerSchema, { method: "POST", body });
    if (!created.ok) {
      toast(created.error.message, "error");
      setSelectionError(created.error.message);
      setPhase("composing");
      return;
    }
    const next = columnsFor(created.data.set.conversations, configurations);
    // Mount the columns (attaching their handles) before starting them.
    flushSync(() => {
      setColumns(next);
      setSetId(created.data.set.id);
      setStopping(false);
      setPhase("running");
    });
    const results = await Promise.all(
      next.map((column) => {
        // Each provider gets only the reasoning option it understands.
        const own = checkParameters(values, column.configuration.provider);
        const handle = get(column.conversationId);
        return handle
          ? handle.start(
              { message: prompt, ...(own.ok ? own.params : {}) },
              `/api/conversations/${column.conversationId}/stream`,
            )
          : Promise.resolve(null);
      }),
    );
    setPhase("finished");
    setStopping(false);
    const finished = results.filter((result) => result?.phase === "done").length;
    toast(
      finished === next.length
        ? `Compare set #${created.data.set.id} saved: ${next.length} replies.`
        : `Compare set #${created.data.set.id} saved; ${next.length - finished} of ${next.length} replies stopped or failed.`,
      finished === next.length ? "success" : "info",
    );
  }

  return (
    <div className="space-y-6" data-testid="compare-view" data-phase={phase}>
      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <aside aria-label="Compare settings" className={cardClassName("min-w-0 space-y-5 p-4 shadow-xs lg:self-start")}>
          <SystemPromptField value={system} onChange={setSystem} disabled={busy} />
          {lead && check ? (
            <ParametersFieldset
              configuration={lead}
              values={values}
              errors={submitted && !check.ok ? check.errors : {}}
              disabled={busy}
              onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
              onBlur={() => undefined}
              onReset={() => setValues(EMPTY_PARAMETERS)}
            />
          ) : null}
        </aside>
        <div className="min-w-0 space-y-4">
          <section aria-label="Configurations to compare" className={cardClassName("p-4 shadow-xs")}>
            <ConfigurationChecklist
              configurations={configurations}
              selected={selected}
              onChange={(ids) => {
                setSelected(ids);
                setSelectionError(undefined);
              }}
              max={max}
              disabled={busy}
              legend="Compare"
              hint={`Choose ${min} to ${max} configurations; the prompt goes to all of them at once.`}
              error={selectionError}
            />
          </section>
          <PromptComposer
            value={prompt}
            error={promptError}
            running={busy}
            stopping={stopping}
            ready={hydrated}
            stopProblem={null}
            inputRef={promptRef}
            onChange={(value) => {
              setPrompt(value);
              if (promptError) setPromptError(promptProblem(value));
            }}
            onSend={() => void send()}
            onStop={stopAll}
            stopLabel="Stop all"
          />
          {setId !== null && phase === "finished" ? (
            <p className="text-sm text-slate-600 dark:text-slate-300" role="status">
              Saved as{" "}
              <SavedLink href={`/compare/${setId}`} testId="compare-set-link">
                compare set #{setId}
              </SavedLink>
              . Open it any time to see these replies again.
            </p>
          ) : null}
        </div>
      </div>
      {columns.length > 0 ? (
        <div className={columnGridClassName(columns.length)} data-testid="compare-columns">
          {columns.map((column) => (
            <CompareColumn
              key={column.conversationId}
              ref={refFor(column.conversationId)}
              configuration={column.configuration}
              conversationId={column.conversationId}
              isAdmin={isAdmin}
            />
          ))}
        </div>
      ) : (
        <p
          className="rounded-xl border border-dashed border-slate-300 px-6 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
          data-testid="compare-empty"
        >
          Choose at least {min} configurations and send a prompt: each reply streams into its own column with live
          tokens, time to first token and tokens per second.
        </p>
      )}
    </div>
  );
}
