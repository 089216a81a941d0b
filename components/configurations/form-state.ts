import type { PublicConfiguration } from "@/lib/contracts/configurations";
import { configurationCreateSchema, crossFieldIssues, KEEP_HEADER_VALUE } from "@/lib/validation/configuration";
import type { ProviderName } from "@/lib/llm/providers/catalog";

// The configuration form's state as typed, and its translation into the API's JSON, checked with
// the same zod schema and cross-field rules as the server.

/**
 * keep: leave the stored (or, for a clone, the source's) key; replace: use `apiKey` (with no key
 * stored, an empty `apiKey` simply means "still none"); remove: no key.
 */
export type KeyAction = "keep" | "replace" | "remove";

/**
 * A header row. A saved header (`saved`) has a write-only value: the form keeps it (`keep`) without
 * ever seeing it, or replaces it with `value`; removing the row removes the header.
 */
export type HeaderRow = {
  id: number;
  name: string;
  value: string;
  saved: { name: string; lastFour: string | null } | null;
  keep: boolean;
};

export type FormState = {
  name: string;
  slug: string;
  provider: ProviderName;
  model: string;
  baseUrl: string;
  keyAction: KeyAction;
  /** Whether a key is saved (edit) or copied from the source (clone). */
  hasStoredKey: boolean;
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
  hasStoredKey: false,
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

/** A new header row with an id React can key on. */
export function headerRow(name = "", value = ""): HeaderRow {
  nextRowId += 1;
  return { id: nextRowId, name, value, saved: null, keep: false };
}

/** A row for a saved header: its value stays on the server unless replaced. */
function savedHeaderRow(name: string, lastFour: string | null): HeaderRow {
  return { ...headerRow(name), saved: { name, lastFour }, keep: true };
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
    hasStoredKey: configuration.hasApiKey,
    apiKey: "",
    headers: configuration.extraHeaders.map((header) => savedHeaderRow(header.name, header.lastFour ?? null)),
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
  const extraHeaders: Record<string, string | typeof KEEP_HEADER_VALUE> = {};
  for (const row of state.headers) {
    const kept = row.saved !== null && row.keep;
    const name = kept && row.saved ? row.saved.name : row.name.trim();
    if (!row.saved && name === "" && row.value === "") continue;
    if (name === "") issues[headerIssuePath(row)] = "a header needs a name";
    else if (Object.keys(extraHeaders).some((seen) => seen.toLowerCase() === name.toLowerCase()))
      issues[headerIssuePath(row)] = "this header is listed twice";
    else if (kept) extraHeaders[name] = KEEP_HEADER_VALUE;
    else if (row.saved && row.value === "")
      issues[headerIssuePath(row)] = "enter the new value, or choose Keep to leave the saved one";
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
  if (state.keyAction === "remove") {
    // Removing only means something when there is a key to remove (or to not copy).
    if (state.hasStoredKey) payload.apiKey = null;
  } else if (state.keyAction === "replace") {
    if (state.apiKey.trim() !== "") payload.apiKey = state.apiKey;
    else if (state.hasStoredKey) issues.apiKey = "enter the new API key, or choose Cancel to keep the saved one";
    // No key saved and none typed: it stays without one.
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
  const timeout = (value: unknown, fallback: number) =>
    typeof value === "number" && Number.isFinite(value) ? value : fallback;
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

/** Where the form files a problem with one header row. */
function headerIssuePath(row: HeaderRow): string {
  return `extraHeaders.row-${row.id}`;
}

/** The error of one header row: the form's own (by row), or the server's (by header name). */
export function headerRowError(errors: FieldErrors, row: HeaderRow): string | undefined {
  const name = (row.saved && row.keep ? row.saved.name : row.name).trim();
  return errors[headerIssuePath(row)] ?? (name ? errors[`extraHeaders.${name}`] : undefined);
}

/** Id of the control that shows a header row's problem (its name while it has none, else its value). */
export function headerControlId(row: HeaderRow): string {
  const kept = row.saved !== null && row.keep;
  return kept
    ? `header-${row.id}-replace`
    : row.name.trim() === "" && !row.saved
      ? `header-${row.id}-name`
      : `header-${row.id}-value`;
}

// Field path → input id, in the order the form shows them: the first with an error gets focus.
const FOCUS_ORDER: Array<[string, string]> = [
  ["name", "configuration-name"],
  ["slug", "configuration-slug"],
  ["provider", "configuration-provider"],
  ["baseUrl", "configuration-baseUrl"],
  ["apiKey", "configuration-api-key"],
  ["model", "configuration-model"],
  ["defaultParams.temperature", "configuration-temperature"],
  ["defaultParams.maxTokens", "configuration-maxTokens"],
  ["defaultParams.topP", "configuration-topP"],
  ["defaultParams.stop", "configuration-stop"],
];
const AFTER_HEADERS: Array<[string, string]> = [
  ["maxTokensCap", "configuration-maxTokensCap"],
  ["firstTokenTimeoutMs", "configuration-firstTokenTimeoutMs"],
  ["totalTimeoutMs", "configuration-totalTimeoutMs"],
];

/** Every field path with an error, as [path, id of the control showing it], in the form's order. */
export function errorTargets(errors: FieldErrors, state: FormState): Array<[string, string]> {
  const fields = (order: Array<[string, string]>) => order.filter(([path]) => errors[path] !== undefined);
  const headers: Array<[string, string]> = state.headers.flatMap((row) =>
    headerRowError(errors, row) ? [[`row-${row.id}`, headerControlId(row)] satisfies [string, string]] : [],
  );
  const general: Array<[string, string]> = errors.extraHeaders ? [["extraHeaders", "header-add"]] : [];
  return [...fields(FOCUS_ORDER), ...headers, ...general, ...fields(AFTER_HEADERS)];
}

/**
 * Messages no visible control shows (a field this form does not have, or a header the rows do
 * not name): the form's alert lists them, so no error is ever invisible.
 */
export function unplacedErrors(errors: FieldErrors, state: FormState, isShown: (path: string) => boolean): string[] {
  const known = new Set([...FOCUS_ORDER, ...AFTER_HEADERS].map(([path]) => path));
  const inRows = new Set(
    state.headers.flatMap((row) => [
      headerIssuePath(row),
      `extraHeaders.${(row.saved && row.keep ? row.saved.name : row.name).trim()}`,
    ]),
  );
  return Object.entries(errors)
    .filter(([path]) => !(known.has(path) && isShown(path)) && !inRows.has(path) && path !== "extraHeaders")
    .map(([path, message]) => `${path}: ${message}`);
}

/** The first error of a field or of anything under it (`extraHeaders` covers `extraHeaders.X`). */
export function errorFor(errors: FieldErrors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1];
}
