"use client";

import { useState } from "react";
import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { ProviderAndModel } from "@/components/side-by-side/column-parts";

type Props = {
  configurations: PlaygroundConfiguration[];
  selected: number[];
  onChange: (selected: number[]) => void;
  max: number;
  disabled: boolean;
  legend: string;
  hint: string;
  error?: string | undefined;
  /** A note beside one configuration, e.g. the original's. */
  noteFor?: (configuration: PlaygroundConfiguration) => string | null;
};

// Past this many, a filter box narrows the list (chosen ones always stay in it).
const FILTER_FROM = 8;

function matches(configuration: PlaygroundConfiguration, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack =
    `${configuration.name} ${configuration.slug} ${configuration.provider} ${configuration.model}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Native checkboxes (Tab and Space work), in selection order; past `max` the rest are disabled. */
export function ConfigurationChecklist({
  configurations,
  selected,
  onChange,
  max,
  disabled,
  legend,
  hint,
  error,
  noteFor,
}: Props) {
  const [query, setQuery] = useState("");
  const full = selected.length >= max;
  const filterable = configurations.length > FILTER_FROM;
  const shown =
    filterable && query.trim() !== ""
      ? configurations.filter((configuration) => selected.includes(configuration.id) || matches(configuration, query))
      : configurations;
  function toggle(id: number, checked: boolean): void {
    onChange(checked ? [...selected, id] : selected.filter((value) => value !== id));
  }
  return (
    <fieldset
      className="min-w-0"
      disabled={disabled}
      aria-describedby="configuration-checklist-hint"
      data-testid="configuration-checklist"
    >
      <legend className="text-sm font-semibold text-slate-900 dark:text-white">{legend}</legend>
      <p id="configuration-checklist-hint" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        {hint} {selected.length > 0 ? `${selected.length} of at most ${max} chosen.` : null}
      </p>
      {filterable ? (
        <input
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Filter by name, provider or model…"
          aria-label="Filter the configurations"
          className="mt-3 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          data-testid="configuration-filter"
        />
      ) : null}
      <ul className={`mt-3 grid gap-2 sm:grid-cols-2 ${filterable ? "max-h-96 overflow-y-auto p-0.5" : ""}`}>
        {shown.length === 0 ? (
          <li className="text-sm text-slate-500 dark:text-slate-400">No configuration matches “{query.trim()}”.</li>
        ) : null}
        {shown.map((configuration) => {
          const checked = selected.includes(configuration.id);
          const note = noteFor?.(configuration) ?? null;
          return (
            <li key={configuration.id}>
              <label
                className={`flex min-w-0 cursor-pointer items-center gap-3 rounded-lg border px-3 py-2 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60 ${
                  checked
                    ? "border-blue-500 bg-blue-50 dark:border-blue-400 dark:bg-blue-500/10"
                    : "border-slate-200 bg-white hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
                }`}
              >
                <input
                  type="checkbox"
                  className="size-4 shrink-0 accent-blue-600"
                  checked={checked}
                  disabled={!checked && full}
                  onChange={(event) => toggle(configuration.id, event.target.checked)}
                  data-testid="configuration-checkbox"
                  data-configuration-id={configuration.id}
                />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium text-slate-900 dark:text-white">
                    {configuration.name}
                  </span>
                  <ProviderAndModel provider={configuration.provider} model={configuration.model} />
                </span>
                {note ? <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">{note}</span> : null}
              </label>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p
          role="alert"
          className="mt-2 text-xs font-medium text-red-600 dark:text-red-400"
          data-testid="configuration-checklist-error"
        >
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
