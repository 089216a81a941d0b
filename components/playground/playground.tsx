"use client";

import { useRef, useState } from "react";
import { ConfigurationSelect } from "@/components/composer/configuration-select";
import { OutputPanel } from "@/components/run/output-panel";
import {
  checkParameters,
  EMPTY_PARAMETERS,
  PARAMETER_FIELDS,
  type ParameterField,
  type ParameterValues,
} from "@/components/composer/parameter-values";
import { ParametersFieldset } from "@/components/composer/parameters-fieldset";
import { matchConfiguration, type PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { PromptComposer, promptProblem } from "@/components/composer/prompt-composer";
import { RunError } from "@/components/run/run-error";
import { isActive } from "@/components/run/run-state";
import { StatusBar } from "@/components/run/status-bar";
import { SystemPromptField } from "@/components/composer/system-prompt-field";
import { ThinkingPanel } from "@/components/run/thinking-panel";
import { useRun } from "@/components/run/use-run";
import { useRunKeys } from "@/components/run/use-run-keys";
import { useHydrated } from "@/components/ui/use-hydrated";
import { cardClassName } from "@/components/ui/card";

type Props = {
  configurations: PlaygroundConfiguration[];
  initialConfigurationId: number;
  isAdmin: boolean;
};

/** Keeps `?configuration=` in step with the picker, so the address can be shared or bookmarked. */
function rememberConfiguration(id: number): void {
  const url = new URL(window.location.href);
  url.searchParams.set("configuration", String(id));
  window.history.replaceState(window.history.state, "", url);
}

export function Playground({ configurations, initialConfigurationId, isAdmin }: Props) {
  const hydrated = useHydrated();
  const [selectedId, setSelectedId] = useState(initialConfigurationId);
  const [system, setSystem] = useState("");
  const [prompt, setPrompt] = useState("");
  const [promptError, setPromptError] = useState<string | undefined>(undefined);
  const [values, setValues] = useState<ParameterValues>(EMPTY_PARAMETERS);
  const [touched, setTouched] = useState<Partial<Record<ParameterField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const { state, now, start, stop } = useRun();
  const active = isActive(state.phase);

  const selected = matchConfiguration(configurations, String(selectedId)) ?? configurations[0];
  const check = selected ? checkParameters(values, selected.provider) : null;
  const paramErrors = check && !check.ok ? check.errors : {};
  const shownErrors = Object.fromEntries(
    PARAMETER_FIELDS.filter((field) => (touched[field] || submitted) && paramErrors[field]).map((field) => [
      field,
      paramErrors[field],
    ]),
  );

  useRunKeys({ active, stop, inputRef: promptRef });

  if (!selected || !check) return null;

  function send(): void {
    if (active || !selected || !check) return;
    setSubmitted(true);
    const problem = promptProblem(prompt);
    setPromptError(problem);
    if (problem) {
      promptRef.current?.focus();
      return;
    }
    if (!check.ok) {
      const first = PARAMETER_FIELDS.find((field) => check.errors[field]);
      if (first) document.getElementById(`param-${first}`)?.focus();
      return;
    }
    void start({
      configuration: String(selected.id),
      prompt,
      system: system.trim() === "" ? undefined : system,
      ...check.params,
    });
  }

  function selectConfiguration(id: number): void {
    setSelectedId(id);
    rememberConfiguration(id);
  }

  const showThinking = state.thinking !== "" || (state.usage?.reasoningTokens ?? 0) > 0;

  return (
    <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]" data-testid="playground">
      <aside aria-label="Run settings" className={cardClassName("min-w-0 space-y-5 p-4 shadow-xs lg:self-start")}>
        <ConfigurationSelect
          configurations={configurations}
          selected={selected}
          onSelect={selectConfiguration}
          disabled={active}
        />
        <SystemPromptField value={system} onChange={setSystem} disabled={active} />
        <ParametersFieldset
          configuration={selected}
          values={values}
          errors={shownErrors}
          disabled={active}
          onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
          onBlur={(field) => setTouched((current) => (values[field] ? { ...current, [field]: true } : current))}
          onReset={() => {
            setValues(EMPTY_PARAMETERS);
            setTouched({});
          }}
        />
      </aside>
      <div className="min-w-0 space-y-4">
        <PromptComposer
          value={prompt}
          error={promptError}
          running={active}
          stopping={state.stopping}
          ready={hydrated}
          stopProblem={state.stopProblem}
          inputRef={promptRef}
          onChange={(value) => {
            setPrompt(value);
            if (promptError) setPromptError(promptProblem(value));
          }}
          onSend={send}
          onStop={stop}
        />
        <StatusBar state={state} now={now} />
        {state.failure ? <RunError failure={state.failure} configurationId={selected.id} isAdmin={isAdmin} /> : null}
        {showThinking ? (
          <ThinkingPanel
            text={state.thinking}
            streaming={active && state.text === ""}
            reasoningTokens={state.usage?.reasoningTokens ?? null}
          />
        ) : null}
        <OutputPanel state={state} />
      </div>
    </div>
  );
}
