import { toSentence } from "@/components/api/api-error";
import { catalogEntry, type ProviderName } from "@/lib/llm/providers/catalog";
import { runParamsSchema, type RunParams } from "@/lib/validation/stream";

// The parameter form keeps what the person typed (strings); the server's own schema decides
// what is valid, so the form refuses exactly what /api/stream would refuse.

export const PARAMETER_FIELDS = [
  "temperature",
  "maxTokens",
  "topP",
  "stop",
  "reasoningEffort",
  "thinkingBudget",
] as const;

export type ParameterField = (typeof PARAMETER_FIELDS)[number];

export type ParameterValues = Record<ParameterField, string>;

export type ParameterErrors = Partial<Record<ParameterField, string>>;

export const EMPTY_PARAMETERS: ParameterValues = {
  temperature: "",
  maxTokens: "",
  topP: "",
  stop: "",
  reasoningEffort: "",
  thinkingBudget: "",
};

export const PARAMETER_LABELS: Record<ParameterField, string> = {
  temperature: "Temperature",
  maxTokens: "Max tokens",
  topP: "Top P",
  stop: "Stop sequences",
  reasoningEffort: "Reasoning effort",
  thinkingBudget: "Thinking budget",
};

function isParameterField(value: unknown): value is ParameterField {
  return PARAMETER_FIELDS.some((field) => field === value);
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", "\\": "\\" };

/** One stop sequence per line; `\n` and `\t` stand for a line break and a tab. */
export function stopSequencesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => line.replace(/\\([nt\\])/g, (_match, letter: string) => ESCAPES[letter] ?? letter));
}

function blankToUndefined(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** "maxTokens must be at least 1" reads "Max tokens must be at least 1." next to its field. */
function fieldMessage(field: ParameterField, message: string): string {
  const labelled = message.startsWith(field) ? `${PARAMETER_LABELS[field]}${message.slice(field.length)}` : message;
  return toSentence(labelled);
}

export type ParameterCheck = { ok: true; params: RunParams } | { ok: false; errors: ParameterErrors };

/** Validates the form with the stream request's schema; only the reasoning field the provider uses is sent. */
export function checkParameters(values: ParameterValues, provider: ProviderName): ParameterCheck {
  const kind = catalogEntry(provider).reasoning.style;
  const stops = stopSequencesOf(values.stop);
  const parsed = runParamsSchema.safeParse({
    temperature: blankToUndefined(values.temperature),
    maxTokens: blankToUndefined(values.maxTokens),
    topP: blankToUndefined(values.topP),
    stop: stops.length > 0 ? stops : undefined,
    reasoningEffort: kind === "effort" ? blankToUndefined(values.reasoningEffort) : undefined,
    thinkingBudget: kind === "budget" ? blankToUndefined(values.thinkingBudget) : undefined,
  });
  if (parsed.success) return { ok: true, params: parsed.data };
  const errors: ParameterErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isParameterField(field) && !errors[field]) errors[field] = fieldMessage(field, issue.message);
  }
  return { ok: false, errors };
}
