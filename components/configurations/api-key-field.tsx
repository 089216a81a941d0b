"use client";

import { controlClassName, describedBy, Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import type { FormMode, KeyAction } from "@/components/configurations/form-state";

function keyHint({
  mode,
  hasStored,
  optional,
  action,
}: {
  mode: FormMode;
  hasStored: boolean;
  optional: boolean;
  action: KeyAction;
}): string | undefined {
  if (hasStored) {
    if (action !== "replace") return undefined;
    return mode === "clone"
      ? "Enter the copy's key; Cancel copies the original's instead."
      : "Enter the new key; Cancel keeps the saved one.";
  }
  if (mode === "edit") {
    return optional
      ? "No key is saved. Leave it empty to keep it that way, or enter one to add it."
      : "No key is saved: enter one (stored encrypted), or leave it empty to keep it that way.";
  }
  return optional
    ? "Most servers of this kind need none; leave it empty if yours does not."
    : "Stored encrypted; after saving only its last four characters are shown.";
}

/**
 * The key is write-only: a saved one shows only as "•••• last4" and can be kept, replaced or
 * removed; the browser never receives it.
 */
export function ApiKeyField({
  mode,
  storedLastFour,
  storedLabel,
  action,
  value,
  optional,
  placeholder,
  error,
  onAction,
  onChange,
  onBlur,
}: {
  mode: FormMode;
  /** Last four characters of the stored (or, for a clone, the source's) key; null when there is none. */
  storedLastFour: string | null;
  storedLabel: string;
  action: KeyAction;
  value: string;
  optional: boolean;
  /** An example of this provider's keys. */
  placeholder: string;
  error: string | undefined;
  onAction: (action: KeyAction) => void;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  const hasStored = storedLastFour !== null;
  const hint = keyHint({ mode, hasStored, optional, action });
  return (
    <Field
      id="configuration-api-key"
      label="API key"
      labelNote={optional && !hasStored ? "optional" : undefined}
      hint={hint}
      error={error}
    >
      {hasStored && action === "keep" ? (
        <div className="flex flex-wrap items-center gap-2">
          <span
            className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200"
            data-testid="api-key-stored"
          >
            •••• {storedLastFour}
          </span>
          <span className="text-xs text-slate-500 dark:text-slate-400">{storedLabel}</span>
          <Button variant="secondary" onClick={() => onAction("replace")} data-testid="api-key-replace">
            Replace
          </Button>
          <Button variant="ghost" onClick={() => onAction("remove")} data-testid="api-key-remove">
            Remove
          </Button>
        </div>
      ) : hasStored && action === "remove" ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="api-key-removed">
          <span className="text-slate-700 dark:text-slate-300">
            {mode === "clone" ? "The copy will have no key." : "The key will be removed when you save."}
          </span>
          <Button variant="ghost" onClick={() => onAction("keep")} data-testid="api-key-keep">
            Keep it
          </Button>
        </div>
      ) : (
        <div className="flex gap-2">
          <input
            id="configuration-api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            onBlur={onBlur}
            placeholder={hasStored ? "The new key" : placeholder}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy("configuration-api-key", hint, error)}
            className={controlClassName(error, "font-mono")}
            data-testid="api-key-input"
          />
          {hasStored ? (
            <Button variant="ghost" onClick={() => onAction("keep")} data-testid="api-key-keep">
              Cancel
            </Button>
          ) : null}
        </div>
      )}
    </Field>
  );
}
