import type { PublicConfiguration } from "@/lib/db/configurations";
import { configurationCreateSchema, crossFieldIssues } from "@/lib/validation/configuration";
import type { ProviderName } from "@/lib/validation/providers";

// The configuration form's state as typed, and its translation into the API's JSON, checked with
// the same zod schema and cross-field rules as the server.

/** keep: leave the stored (or, for a clone, the source's) key; replace: use `apiKey`; remove: no key. */
export type KeyAction = "keep" | "replace" | "remove";

export type HeaderRow = { id: number; name: string; value: string };

export type FormState = {
  name: string;
  slug: string;
  provider: ProviderName;
  model: string;
  baseUrl: string;
  keyAction: KeyAction;
  apiKey: string;
  headers: HeaderRow[];
  temperature: string;
  maxTokens: string;
  topP: string;
  stop: string;
  firstTokenTimeoutMs: string;
  totalTimeoutMs: string;
  /** Empty: the server's default cap. */
  maxTokensCap: string;
  active: boolean;
};

export type FormMode = "create" | "edit" | "clone";

/** Field path (as the API names it) → message. */
export type FieldErrors = Record<string, string>;

export const EMPTY_FORM: FormState = {
  name: "",
  slug: "",
  provider: "openai",
  model: "",
  baseUrl: "",
  keyAction: "replace",
  apiKey: "",
  headers: [],
  temperature: "",
  maxTokens: "",
  topP: "",
  stop: "",
  firstTokenTimeoutMs: "60000",
  totalTimeoutMs: "600000",
  maxTokensCap: "",
  active: true,
};

let nextRowId = 1;

/** A new, empty header row with an id React can key on. */
export function headerRow(name = "", value = ""): HeaderRow {
  nextRowId += 1;
  return { id: nextRowId, name, value };
}

/** The form filled from a saved configuration: to edit it, or as the start of a clone. */
export function formFromConfiguration(configuration: PublicConfiguration, mode: "edit" | "clone"): FormState {
  const { temperature, maxTokens, topP, stop } = configuration.defaultParams;
  return {
    name: mode === "clone" ? `${configuration.name} (copy)` : configuration.name,
    slug: mode === "clone" ? "" : configuration.slug,
    provider: configuration.provider,
    model: configuration.model,
    baseUrl: configuration.baseUrl ?? "",
    keyAction: configuration.hasApiKey ? "keep" : "replace",
    apiKey: "",
    headers: Object.entries(configuration.extraHeaders).map(([name, value]) => headerRow(name, value)),
    temperature: temperature === undefined ? "" : String(temperature),
    maxTokens: maxTokens === undefined ? "" : String(maxTokens),
    topP: topP === undefined ? "" : String(topP),
    stop: (stop ?? []).join("\n"),
    firstTokenTimeoutMs: String(configuration.firstTokenTimeoutMs),
    totalTimeoutMs: String(configuration.totalTimeoutMs),
    maxTokensCap: configuration.maxTokensCap === null ? "" : String(configuration.maxTokensCap),
    active: configuration.active,
  };
}

function numberField(text: string, path: string, issues: FieldErrors): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    issues[path] = `${path.split(".").pop() ?? path} must be a number`;
    return undefined;
  }
  return value;
}

/** The JSON body the form sends, and the problems only the form can see (a word in a number field). */
export function toPayload(state: FormState, mode: FormMode): { payload: Record<string, unknown>; issues: FieldErrors } {
  const issues: FieldErrors = {};
  const stop = state.stop.split("\n").filter((line) => line.trim() !== "");
  const defaultParams = {
    temperature: numberField(state.temperature, "defaultParams.temperature", issues),
    maxTokens: numberField(state.maxTokens, "defaultParams.maxTokens", issues),
    topP: numberField(state.topP, "defaultParams.topP", issues),
    stop: stop.length > 0 ? stop : undefined,
  };
  const extraHeaders: Record<string, string> = {};
  for (const row of state.headers) {
    const name = row.name.trim();
    if (name === "" && row.value === "") continue;
    if (name === "") issues[`extraHeaders.row-${row.id}`] = "a header needs a name";
    else if (Object.keys(extraHeaders).some((seen) => seen.toLowerCase() === name.toLowerCase())) issues[`extraHeaders.${name}`] = "this header is listed twice";
    else extraHeaders[name] = row.value;
  }
  const payload: Record<string, unknown> = {
    name: state.name,
    provider: state.provider,
    model: state.model,
    baseUrl: state.baseUrl.trim(),
    defaultParams: Object.fromEntries(Object.entries(defaultParams).filter(([, value]) => value !== undefined)),
    extraHeaders,
    firstTokenTimeoutMs: numberField(state.firstTokenTimeoutMs, "firstTokenTimeoutMs", issues) ?? 60_000,
    totalTimeoutMs: numberField(state.totalTimeoutMs, "totalTimeoutMs", issues) ?? 600_000,
    maxTokensCap: numberField(state.maxTokensCap, "maxTokensCap", issues) ?? null,
    active: state.active,
  };
  if (state.slug.trim() !== "" || mode === "edit") payload.slug = state.slug;
  if (state.keyAction === "remove") payload.apiKey = null;
  else if (state.keyAction === "replace") {
    if (state.apiKey.trim() !== "") payload.apiKey = state.apiKey;
    else if (mode !== "create") issues.apiKey = "enter the new API key, or keep the current one";
  }
  return { payload, issues };
}

/** Every problem with the form as it stands, by field; empty when the server would accept it. */
export function validateForm(state: FormState, mode: FormMode): FieldErrors {
  const { payload, issues } = toPayload(state, mode);
  const errors: FieldErrors = {};
  const parsed = configurationCreateSchema.safeParse(payload);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      errors[path] ??= issue.message;
    }
  }
  // The rules across fields are checked even while other fields are wrong, so every problem shows at once.
  const timeout = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);
  for (const issue of crossFieldIssues({
    provider: state.provider,
    baseUrl: state.baseUrl.trim() || null,
    firstTokenTimeoutMs: timeout(payload.firstTokenTimeoutMs, 60_000),
    totalTimeoutMs: timeout(payload.totalTimeoutMs, 600_000),
    ...(parsed.success ? { maxTokensCap: parsed.data.maxTokensCap, defaultParams: parsed.data.defaultParams } : {}),
  })) {
    errors[issue.path] ??= issue.message;
  }
  // The form's own findings are more precise than the schema's for the same field.
  return { ...errors, ...issues };
}

/** The first error of a field or of anything under it (`extraHeaders` covers `extraHeaders.X`). */
export function errorFor(errors: FieldErrors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1];
}
