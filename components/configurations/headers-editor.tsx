"use client";

import { controlClassName } from "@/components/playground/field";
import { Button } from "@/components/ui/button";
import { headerRow, type HeaderRow } from "@/components/configurations/form-state";

/** Extra HTTP headers sent with every provider request, as name/value rows. */
export function HeadersEditor({ rows, error, hint, onChange }: { rows: HeaderRow[]; error: string | undefined; hint: string; onChange: (rows: HeaderRow[]) => void }) {
  const update = (id: number, patch: Partial<HeaderRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <fieldset aria-describedby="configuration-headers-hint" data-testid="headers-editor">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Extra headers</legend>
      <p id="configuration-headers-hint" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        {hint}
      </p>
      {rows.length > 0 ? (
        <ul className="mt-2 space-y-2">
          {rows.map((row, index) => (
            <li key={row.id} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto] gap-2">
              <input aria-label={`Header ${index + 1} name`} value={row.name} onChange={(event) => update(row.id, { name: event.target.value })} placeholder="X-Header-Name" spellCheck={false} className={controlClassName(undefined, "font-mono")} data-testid="header-name" />
              <input aria-label={`Header ${index + 1} value`} value={row.value} onChange={(event) => update(row.id, { value: event.target.value })} placeholder="value" spellCheck={false} className={controlClassName(undefined, "font-mono")} data-testid="header-value" />
              <Button variant="ghost" onClick={() => onChange(rows.filter((other) => other.id !== row.id))} data-testid="header-remove">
                Remove<span className="sr-only"> header {index + 1}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="mt-1.5 text-xs font-medium text-red-600 dark:text-red-400" data-testid="configuration-headers-error">
          {error}
        </p>
      ) : null}
      <Button variant="secondary" className="mt-2" onClick={() => onChange([...rows, headerRow()])} data-testid="header-add">
        Add header
      </Button>
    </fieldset>
  );
}
