"use client";

import { controlClassName } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { headerControlId, headerRow, type HeaderRow } from "@/components/configurations/form-state";

/**
 * Extra HTTP headers sent with every provider request, as name/value rows. Values are secrets,
 * write-only like the API key: a saved one shows only as "saved" (and its last four characters)
 * and can be kept, replaced or removed with its row.
 */
export function HeadersEditor({
  rows,
  error,
  rowError,
  hint,
  onChange,
}: {
  rows: HeaderRow[];
  error: string | undefined;
  rowError: (row: HeaderRow) => string | undefined;
  hint: string;
  onChange: (rows: HeaderRow[]) => void;
}) {
  const update = (id: number, patch: Partial<HeaderRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <fieldset aria-describedby="configuration-headers-hint" data-testid="headers-editor">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Extra headers</legend>
      <p id="configuration-headers-hint" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        {hint} Values are stored encrypted and never shown again.
      </p>
      {rows.length > 0 ? (
        <ul className="mt-2 space-y-2">
          {rows.map((row, index) => {
            const problem = rowError(row);
            const errorId = problem ? `header-${row.id}-error` : undefined;
            const label = `Header ${index + 1}`;
            return (
              <li key={row.id} data-testid="header-row" data-header-name={row.saved?.name ?? row.name}>
                <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto] items-center gap-2">
                  {row.saved && row.keep ? (
                    <>
                      <span
                        className="truncate font-mono text-sm text-slate-800 dark:text-slate-200"
                        data-testid="header-saved-name"
                      >
                        {row.saved.name}
                      </span>
                      <span className="flex flex-wrap items-center gap-2">
                        <span
                          className="font-mono text-sm text-slate-600 dark:text-slate-300"
                          data-testid="header-saved-value"
                        >
                          {row.saved.lastFour ? `•••• ${row.saved.lastFour}` : "value saved"}
                        </span>
                        <Button
                          id={headerControlId(row)}
                          variant="secondary"
                          onClick={() => update(row.id, { keep: false, value: "", name: row.saved?.name ?? row.name })}
                          aria-describedby={errorId}
                          data-testid="header-replace"
                        >
                          Replace value<span className="sr-only"> of {row.saved.name}</span>
                        </Button>
                      </span>
                    </>
                  ) : (
                    <>
                      <input
                        id={`header-${row.id}-name`}
                        aria-label={`${label} name`}
                        value={row.name}
                        onChange={(event) => update(row.id, { name: event.target.value })}
                        placeholder="X-Header-Name"
                        spellCheck={false}
                        aria-invalid={problem ? true : undefined}
                        aria-describedby={errorId}
                        className={controlClassName(problem, "font-mono")}
                        data-testid="header-name"
                      />
                      <span className="flex gap-2">
                        <input
                          id={`header-${row.id}-value`}
                          type="password"
                          autoComplete="off"
                          aria-label={`${label} value`}
                          value={row.value}
                          onChange={(event) => update(row.id, { value: event.target.value })}
                          placeholder={row.saved ? "The new value" : "value"}
                          spellCheck={false}
                          aria-invalid={problem ? true : undefined}
                          aria-describedby={errorId}
                          className={controlClassName(problem, "font-mono")}
                          data-testid="header-value"
                        />
                        {row.saved ? (
                          <Button
                            variant="ghost"
                            onClick={() => update(row.id, { keep: true, value: "", name: row.saved?.name ?? row.name })}
                            data-testid="header-keep"
                          >
                            Keep<span className="sr-only"> the saved value</span>
                          </Button>
                        ) : null}
                      </span>
                    </>
                  )}
                  <Button
                    variant="ghost"
                    onClick={() => onChange(rows.filter((other) => other.id !== row.id))}
                    data-testid="header-remove"
                  >
                    Remove<span className="sr-only"> header {index + 1}</span>
                  </Button>
                </div>
                {problem ? (
                  <p
                    id={errorId}
                    className="mt-1 text-xs font-medium text-red-600 dark:text-red-400"
                    data-testid="header-row-error"
                  >
                    {problem}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {error ? (
        <p
          className="mt-1.5 text-xs font-medium text-red-600 dark:text-red-400"
          data-testid="configuration-headers-error"
        >
          {error}
        </p>
      ) : null}
      <Button
        id="header-add"
        variant="secondary"
        className="mt-2"
        onClick={() => onChange([...rows, headerRow()])}
        data-testid="header-add"
      >
        Add header
      </Button>
    </fieldset>
  );
}
