"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, type SubmitEvent, type ReactNode } from "react";
import { toSentence } from "@/components/api/api-error";
import { ApiKeyField } from "@/components/configurations/api-key-field";
import {
  cloneConfiguration,
  createConfiguration,
  updateConfiguration,
} from "@/components/configurations/configuration-api";
import {
  errorFor,
  errorTargets,
  headerRowError,
  toPayload,
  unplacedErrors,
  validateForm,
  type FieldErrors,
  type FormMode,
  type FormState,
  type HeaderRow,
} from "@/components/configurations/form-state";
import { HeadersEditor } from "@/components/configurations/headers-editor";
import { MaxTokensCapField } from "@/components/configurations/max-tokens-cap-field";
import { ModelPicker } from "@/components/configurations/model-picker";
import { TestConnectionPanel } from "@/components/configurations/test-connection-panel";
import { controlClassName, Field } from "@/components/ui/field";
import { Button, buttonClassName } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import {
  baseUrlHint,
  baseUrlPlaceholder,
  catalogEntry,
  PROVIDER_CATALOG,
  PROVIDERS,
  isProviderName,
} from "@/lib/llm/providers/catalog";
import { cardClassName } from "@/components/ui/card";

type Props = {
  mode: FormMode;
  initial: FormState;
  /** The configuration being edited, or the source of a clone. */
  target?: { id: number; name: string; apiKeyLastFour: string | null; hasApiKey: boolean };
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className={cardClassName("p-5")}>
      <h2 className="text-sm font-semibold text-slate-900 dark:text-white">{title}</h2>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">{children}</div>
    </section>
  );
}

/** Create, edit or clone a configuration; checked as you type with the server's own schema. */
export function ConfigurationForm({ mode, initial, target }: Props) {
  const [state, setState] = useState<FormState>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const router = useRouter();
  const toast = useToast();
  // Before hydration a click would submit the form natively.
  const hydrated = useHydrated();

  const errors = useMemo(() => validateForm(state, mode), [state, mode]);
  const dirty = useMemo(() => JSON.stringify(state) !== JSON.stringify(initial), [state, initial]);
  const shown = (path: string): string | undefined => {
    const message =
      errorFor(serverErrors, path) ?? (submitted || touched.has(path) ? errorFor(errors, path) : undefined);
    return message ? toSentence(message) : undefined;
  };

  const shownExact = (path: string): string | undefined => {
    const message = serverErrors[path] ?? (submitted || touched.has(path) ? errors[path] : undefined);
    return message ? toSentence(message) : undefined;
  };

  const shownForRow = (row: HeaderRow): string | undefined => {
    const message =
      headerRowError(serverErrors, row) ??
      (submitted || touched.has("extraHeaders") ? headerRowError(errors, row) : undefined);
    return message ? toSentence(message) : undefined;
  };

  function set<Key extends keyof FormState>(key: Key, value: FormState[Key], path: string = key) {
    setState((current) => ({ ...current, [key]: value }));
    setTouched((current) => new Set(current).add(path));
    setServerErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([field]) => field !== path && !field.startsWith(`${path}.`))),
    );
  }
  const touch = (path: string) => setTouched((current) => new Set(current).add(path));

  const keyFrom = target && state.keyAction === "keep" && state.hasStoredKey ? target.id : undefined;
  const connection = useMemo(() => {
    if (
      errors.baseUrl ||
      errorFor(errors, "extraHeaders") ||
      (state.keyAction === "replace" && errors.apiKey && state.apiKey !== "")
    )
      return null;
    const { payload } = toPayload(state, mode);
    // Saved header values stay on the server: the model list gets only the ones typed here.
    const typedHeaders = Object.fromEntries(
      Object.entries(payload.extraHeaders ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    );
    return {
      provider: state.provider,
      baseUrl: payload.baseUrl,
      extraHeaders: typedHeaders,
      ...(payload.apiKey !== undefined ? { apiKey: payload.apiKey } : keyFrom !== undefined ? { keyFrom } : {}),
    };
  }, [errors, state, mode, keyFrom]);

  const providerEntry = catalogEntry(state.provider);
  const keyOptional = providerEntry.apiKey.optional;
  const showKey = !providerEntry.apiKey.hiddenUntilSet || state.hasStoredKey || state.apiKey !== "";

  // Focus goes to the first control that shows a problem; with none to show it, to the alert,
  // which then lists the problem itself.
  function reportErrors(found: FieldErrors, summary: string) {
    const unplaced = unplacedErrors(found, state, (path) => path !== "apiKey" || showKey);
    setFormError(unplaced.length > 0 ? `${summary} ${unplaced.map(toSentence).join(" ")}` : summary);
    requestAnimationFrame(() => {
      const control = errorTargets(found, state)
        .map(([, id]) => document.getElementById(id))
        .find((element) => element !== null);
      (control ?? document.getElementById("configuration-form-alert"))?.focus();
    });
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(errors).length > 0) {
      reportErrors(errors, "Some fields need fixing before this can be saved; they are marked below.");
      return;
    }
    const { payload } = toPayload(state, mode);
    setSaving(true);
    const result =
      mode === "edit" && target
        ? await updateConfiguration(target.id, payload)
        : mode === "clone" && target
          ? await cloneConfiguration(target.id, payload)
          : await createConfiguration(payload);
    setSaving(false);
    if (!result.ok) {
      const found: FieldErrors = Object.fromEntries(result.error.issues.map((issue) => [issue.path, issue.message]));
      setServerErrors(found);
      reportErrors(found, result.error.message);
      return;
    }
    const saved = result.data.configuration;
    toast(
      mode === "edit"
        ? `Saved “${saved.name}”.`
        : mode === "clone"
          ? `Cloned as “${saved.name}” (${saved.slug}).`
          : `Created “${saved.name}”.`,
    );
    if (mode === "edit") router.refresh();
    else router.push(`/configurations/${saved.id}`);
  }

  const storedLastFour = state.hasStoredKey ? (target?.apiKeyLastFour ?? "") : null;

  return (
    <>
      <form onSubmit={submit} noValidate className="space-y-5" data-testid="configuration-form" data-mode={mode}>
        <div id="configuration-form-alert" tabIndex={-1} className="outline-none">
          <FormAlert testId="configuration-form-error">{formError}</FormAlert>
        </div>
        <Section title="Connection">
          <TextField
            id="configuration-name"
            label="Name"
            value={state.name}
            onChange={(event) => set("name", event.target.value)}
            onBlur={() => touch("name")}
            error={shown("name")}
            autoComplete="off"
            data-testid="configuration-name"
          />
          <TextField
            id="configuration-slug"
            label="Slug"
            labelNote={mode === "edit" ? undefined : "optional"}
            hint={
              mode === "edit"
                ? "Used in URLs and the API; the numeric id keeps working when it changes."
                : "Empty: made from the name."
            }
            value={state.slug}
            onChange={(event) => set("slug", event.target.value)}
            onBlur={() => touch("slug")}
            error={shown("slug")}
            spellCheck={false}
            autoComplete="off"
            data-testid="configuration-slug"
          />
          <Field id="configuration-provider" label="Provider" error={shown("provider")}>
            <select
              id="configuration-provider"
              value={state.provider}
              onChange={(event) => {
                if (isProviderName(event.target.value)) set("provider", event.target.value);
              }}
              className={controlClassName(shown("provider"))}
              data-testid="configuration-provider"
            >
              {PROVIDERS.map((name) => (
                <option key={name} value={name}>
                  {PROVIDER_CATALOG[name].label}
                </option>
              ))}
            </select>
          </Field>
          <TextField
            id="configuration-baseUrl"
            label="Base URL"
            labelNote={providerEntry.defaultBaseUrl === null ? undefined : "optional"}
            hint={baseUrlHint(state.provider)}
            placeholder={baseUrlPlaceholder(state.provider)}
            value={state.baseUrl}
            onChange={(event) => set("baseUrl", event.target.value)}
            onBlur={() => touch("baseUrl")}
            error={shown("baseUrl")}
            spellCheck={false}
            inputMode="url"
            data-testid="configuration-base-url"
          />
          {showKey ? (
            <div className="sm:col-span-2">
              <ApiKeyField
                mode={mode}
                placeholder={PROVIDER_CATALOG[state.provider].placeholders.apiKey}
                storedLastFour={storedLastFour}
                storedLabel={
                  mode === "clone" ? `the key of “${target?.name ?? ""}” is copied on the server` : "saved, encrypted"
                }
                action={state.keyAction}
                value={state.apiKey}
                optional={keyOptional}
                error={shown("apiKey")}
                onAction={(action) => setState((current) => ({ ...current, keyAction: action, apiKey: "" }))}
                onChange={(value) => set("apiKey", value)}
                onBlur={() => touch("apiKey")}
              />
            </div>
          ) : (
            <p className="text-xs text-slate-500 sm:col-span-2 dark:text-slate-400">Ollama needs no API key.</p>
          )}
        </Section>

        <Section title="Model">
          <div className="sm:col-span-2">
            <ModelPicker
              value={state.model}
              error={shown("model")}
              connection={connection}
              placeholder={PROVIDER_CATALOG[state.provider].placeholders.model}
              onChange={(model) => set("model", model)}
              onBlur={() => touch("model")}
            />
          </div>
        </Section>

        <Section title="Default parameters">
          <TextField
            id="configuration-temperature"
            label="Temperature"
            labelNote="0–2, optional"
            inputMode="decimal"
            value={state.temperature}
            onChange={(event) => set("temperature", event.target.value, "defaultParams.temperature")}
            error={shown("defaultParams.temperature")}
            data-testid="configuration-temperature"
          />
          <TextField
            id="configuration-maxTokens"
            label="Max tokens"
            labelNote="optional"
            inputMode="numeric"
            value={state.maxTokens}
            onChange={(event) => set("maxTokens", event.target.value, "defaultParams.maxTokens")}
            error={shown("defaultParams.maxTokens")}
            data-testid="configuration-max-tokens"
          />
          <TextField
            id="configuration-topP"
            label="Top P"
            labelNote="0–1, optional"
            inputMode="decimal"
            value={state.topP}
            onChange={(event) => set("topP", event.target.value, "defaultParams.topP")}
            error={shown("defaultParams.topP")}
            data-testid="configuration-top-p"
          />
          <Field
            id="configuration-stop"
            label="Stop sequences"
            labelNote="one per line, up to 4"
            error={shown("defaultParams.stop")}
          >
            <textarea
              id="configuration-stop"
              rows={2}
              value={state.stop}
              onChange={(event) => set("stop", event.target.value, "defaultParams.stop")}
              className={controlClassName(shown("defaultParams.stop"), "font-mono")}
              data-testid="configuration-stop"
            />
          </Field>
          <MaxTokensCapField
            value={state.maxTokensCap}
            error={shown("maxTokensCap")}
            onChange={(value) => set("maxTokensCap", value)}
          />
        </Section>

        <Section title="Headers and timeouts">
          <div className="sm:col-span-2">
            <HeadersEditor
              rows={state.headers}
              error={shownExact("extraHeaders")}
              rowError={shownForRow}
              hint={providerEntry.headersHint}
              onChange={(rows) => set("headers", rows, "extraHeaders")}
            />
          </div>
          <TextField
            id="configuration-firstTokenTimeoutMs"
            label="First-token timeout (ms)"
            inputMode="numeric"
            value={state.firstTokenTimeoutMs}
            onChange={(event) => set("firstTokenTimeoutMs", event.target.value)}
            onBlur={() => touch("firstTokenTimeoutMs")}
            error={shown("firstTokenTimeoutMs")}
            data-testid="configuration-first-token-timeout"
          />
          <TextField
            id="configuration-totalTimeoutMs"
            label="Total timeout (ms)"
            inputMode="numeric"
            value={state.totalTimeoutMs}
            onChange={(event) => set("totalTimeoutMs", event.target.value)}
            onBlur={() => touch("totalTimeoutMs")}
            error={shown("totalTimeoutMs")}
            data-testid="configuration-total-timeout"
          />
          <label className="flex items-center gap-2 text-sm text-slate-800 sm:col-span-2 dark:text-slate-200">
            <input
              type="checkbox"
              checked={state.active}
              onChange={(event) => set("active", event.target.checked)}
              className="size-4 rounded border-slate-300 dark:border-slate-600"
              data-testid="configuration-active"
            />
            Active: shown on the dashboard and in the playground
          </label>
        </Section>

        <div className="flex flex-wrap items-center justify-end gap-2">
          <Link href="/configurations" className={buttonClassName("ghost")}>
            {mode === "edit" && !dirty ? "Back to the list" : "Cancel"}
          </Link>
          <Button type="submit" pending={saving} disabled={!hydrated} data-testid="configuration-save">
            {mode === "edit" ? "Save changes" : mode === "clone" ? "Create the copy" : "Create configuration"}
          </Button>
        </div>
      </form>
      {mode === "edit" && target ? (
        <TestConnectionPanel configurationId={target.id} name={target.name} unsavedChanges={dirty} />
      ) : null}
    </>
  );
}
