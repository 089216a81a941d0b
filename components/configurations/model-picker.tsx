"use client";

import { useState } from "react";
import { fetchProviderModels } from "@/components/configurations/configuration-api";
import { controlClassName, describedBy, Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

/**
 * Free text, with the provider's own list one click away: it is read with the connection details
 * as typed (saved or not), so a new configuration can pick its model before the first save.
 */
export function ModelPicker({
  value,
  error,
  connection,
  placeholder,
  onChange,
  onBlur,
}: {
  value: string;
  error: string | undefined;
  placeholder: string;
  /** The body for POST /api/provider-models, or null while the details cannot be sent (invalid). */
  connection: Record<string, unknown> | null;
  onChange: (model: string) => void;
  onBlur: () => void;
}) {
  const [models, setModels] = useState<string[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function load() {
    if (loading || connection === null) return;
    setLoading(true);
    setProblem(null);
    const result = await fetchProviderModels(connection);
    setLoading(false);
    if (!result.ok) setProblem(result.error.message);
    else if (result.data.error) setProblem(result.data.error.message);
    else if (result.data.models.length === 0) setProblem("The provider lists no models. Type the model name.");
    setModels(result.ok ? result.data.models.map((model) => model.id) : null);
  }

  const hint =
    connection === null
      ? "Fix the connection details above to load the provider's models."
      : "Type a model name, or load the provider's list.";
  return (
    <Field id="configuration-model" label="Model" hint={hint} error={error}>
      <div className="flex gap-2">
        <input
          id="configuration-model"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          list={models && models.length > 0 ? "configuration-model-options" : undefined}
          spellCheck={false}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy("configuration-model", hint, error)}
          className={controlClassName(error, "font-mono")}
          data-testid="configuration-model"
        />
        <Button
          variant="secondary"
          onClick={load}
          pending={loading}
          disabled={connection === null}
          data-testid="load-models"
        >
          {loading ? "Loading…" : "Load models"}
        </Button>
      </div>
      {models && models.length > 0 ? (
        <>
          <datalist id="configuration-model-options">
            {models.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
          <label htmlFor="configuration-model-list" className="mt-2 block text-xs text-slate-600 dark:text-slate-400">
            {models.length} model{models.length === 1 ? "" : "s"} from the provider
          </label>
          <select
            id="configuration-model-list"
            value={models.includes(value) ? value : ""}
            onChange={(event) => event.target.value && onChange(event.target.value)}
            className={controlClassName(undefined, "mt-1 font-mono")}
            data-testid="model-list"
          >
            <option value="">Choose a listed model…</option>
            {models.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {problem ? (
        <p className="mt-1.5 text-xs text-amber-700 dark:text-amber-400" role="status" data-testid="model-list-problem">
          {problem}
        </p>
      ) : null}
    </Field>
  );
}
