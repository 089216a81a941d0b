"use client";

import { useId, useState } from "react";
import { controlClassName, describedBy, Field } from "@/components/ui/field";
import {
  PARAMETER_LABELS,
  type ParameterErrors,
  type ParameterField,
  type ParameterValues,
} from "@/components/composer/parameter-values";
import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { catalogEntry } from "@/lib/llm/providers/catalog";

type Props = {
  configuration: PlaygroundConfiguration;
  values: ParameterValues;
  errors: ParameterErrors;
  disabled: boolean;
  onChange: (field: ParameterField, value: string) => void;
  onBlur: (field: ParameterField) => void;
  onReset: () => void;
};

const REASONING_HINT_ID = "param-reasoning-hint";

function inputId(field: ParameterField): string {
  return `param-${field}`;
}

/** Temperature, max tokens, top P, stop sequences and the reasoning option the provider has. */
export function ParametersFieldset({ configuration, values, errors, disabled, onChange, onBlur, onReset }: Props) {
  const defaults = configuration.defaultParams;
  const reasoning = catalogEntry(configuration.provider).reasoning;
  const kind = reasoning.style;
  const setCount = Object.values(values).filter((value) => value !== "").length;
  const [openOnSmallScreens, setOpenOnSmallScreens] = useState(false);
  // A field with an error must be visible to be fixed (and focused).
  const open = openOnSmallScreens || Object.keys(errors).length > 0;
  const bodyId = useId();

  const numberInput = (
    field: "temperature" | "maxTokens" | "topP" | "thinkingBudget",
    placeholder: string,
    inputMode: "decimal" | "numeric",
    hint?: string,
  ) => (
    <Field id={inputId(field)} label={PARAMETER_LABELS[field]} hint={hint} error={errors[field]}>
      <input
        id={inputId(field)}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        value={values[field]}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(event) => onChange(field, event.target.value)}
        onBlur={() => onBlur(field)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describedBy(inputId(field), hint, errors[field])}
        className={controlClassName(errors[field], "tabular-nums")}
        data-testid={inputId(field)}
      />
    </Field>
  );

  const stopHint = "One per line, up to 4. Write \\n for a line break.";
  return (
    <fieldset className="min-w-0 space-y-4" disabled={disabled}>
      <legend className="sr-only">Parameters</legend>
      <div className="flex items-center justify-between gap-2">
        <span aria-hidden="true" className="hidden text-sm font-semibold text-slate-900 lg:inline dark:text-white">
          Parameters
        </span>
        {/* Small screens fold the parameters away so the prompt is near the top. */}
        <button
          type="button"
          onClick={() => setOpenOnSmallScreens((current) => !current)}
          aria-expanded={open}
          aria-controls={bodyId}
          className="-ml-1 flex items-center gap-1.5 rounded-md px-1 py-0.5 text-sm font-semibold text-slate-900 lg:hidden dark:text-white"
          data-testid="params-toggle"
        >
          <svg
            className={`size-4 shrink-0 transition-transform motion-reduce:transition-none ${open ? "rotate-90" : ""}`}
            viewBox="0 0 20 20"
            fill="currentColor"
            aria-hidden="true"
          >
            <path
              fillRule="evenodd"
              d="M7.2 4.2a.75.75 0 0 1 1.06 0l5.25 5.25a.75.75 0 0 1 0 1.06L8.26 15.8a.75.75 0 1 1-1.06-1.06L11.94 10 7.2 5.26a.75.75 0 0 1 0-1.06Z"
              clipRule="evenodd"
            />
          </svg>
          Parameters
          <span className="text-xs font-normal text-slate-500 dark:text-slate-400">
            {setCount > 0 ? `${setCount} set` : "defaults"}
          </span>
        </button>
        <button
          type="button"
          onClick={onReset}
          disabled={setCount === 0}
          className="rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:cursor-not-allowed disabled:opacity-50 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
          data-testid="params-reset"
        >
          Clear
        </button>
      </div>
      <div id={bodyId} className={`space-y-4 lg:block ${open ? "" : "hidden"}`}>
        <p className="-mt-2 text-xs text-slate-500 dark:text-slate-400">
          Empty fields use the configuration&apos;s defaults.
        </p>
        <div className="grid grid-cols-2 gap-3">
          {numberInput(
            "temperature",
            defaults.temperature !== undefined ? String(defaults.temperature) : "0 – 2",
            "decimal",
          )}
          {numberInput("topP", defaults.topP !== undefined ? String(defaults.topP) : "0 – 1", "decimal")}
          {numberInput(
            "maxTokens",
            defaults.maxTokens !== undefined ? String(defaults.maxTokens) : "default",
            "numeric",
          )}
          {kind === "budget" ? numberInput("thinkingBudget", "off", "numeric") : null}
          {kind === "effort" ? (
            <Field
              id={inputId("reasoningEffort")}
              label={PARAMETER_LABELS.reasoningEffort}
              error={errors.reasoningEffort}
            >
              <select
                id={inputId("reasoningEffort")}
                value={values.reasoningEffort}
                onChange={(event) => onChange("reasoningEffort", event.target.value)}
                onBlur={() => onBlur("reasoningEffort")}
                aria-describedby={[
                  REASONING_HINT_ID,
                  describedBy(inputId("reasoningEffort"), null, errors.reasoningEffort),
                ]
                  .filter(Boolean)
                  .join(" ")}
                className={controlClassName(errors.reasoningEffort)}
                data-testid={inputId("reasoningEffort")}
              >
                <option value="">Default</option>
                <option value="low">Low</option>
                <option value="medium">Medium</option>
                <option value="high">High</option>
              </select>
            </Field>
          ) : null}
        </div>
        {/* The effort select points at its hint; the budget and "none" sentences stand alone. */}
        <p
          id={kind === "effort" ? REASONING_HINT_ID : undefined}
          className="-mt-1 text-xs text-slate-500 dark:text-slate-400"
        >
          {kind === "effort" ? `Reasoning effort: ${reasoning.hint}` : reasoning.hint}
        </p>
        <Field
          id={inputId("stop")}
          label={PARAMETER_LABELS.stop}
          labelNote={defaults.stop?.length ? `default: ${defaults.stop.length}` : undefined}
          hint={stopHint}
          error={errors.stop}
        >
          <textarea
            id={inputId("stop")}
            rows={2}
            value={values.stop}
            spellCheck={false}
            onChange={(event) => onChange("stop", event.target.value)}
            onBlur={() => onBlur("stop")}
            aria-invalid={errors.stop ? true : undefined}
            aria-describedby={describedBy(inputId("stop"), stopHint, errors.stop)}
            className={controlClassName(errors.stop, "resize-y font-mono")}
            data-testid={inputId("stop")}
          />
        </Field>
      </div>
    </fieldset>
  );
}
