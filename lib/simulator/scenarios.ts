// Scenario selection: a `~scenario` suffix on the model name (`gpt-4o-mini~slow-20`) and/or the
// `X-Simulator-Scenario` header. Several scenarios combine with "+" (`~reasoning+utf8-split`).

type FaultKind = "midstream-error" | "stall-midstream" | "drop" | "truncated" | "malformed" | "invalid-utf8";

export type Scenario = {
  /** The scenario as recorded: "normal" or the parts joined with "+". */
  label: string;
  reasoning: boolean;
  pace: "normal" | "slow" | "fast";
  /** Per-token delay for `slow-<ms>`; null = the configured default. */
  paceMs: number | null;
  /** Reply length in tokens (`long-<n>`, `fast-<n>`); null = the normal reply. */
  tokenCount: number | null;
  httpStatus: number | null;
  stallFirstByteMs: number | null;
  /** A fault after `afterTokens` answer tokens (null = the default position); `ms` for stall-midstream. */
  fault: { kind: FaultKind; afterTokens: number | null; ms: number } | null;
  hugeChunk: boolean;
  utf8Split: boolean;
  /** CRLF line endings for SSE (also implied by utf8-split). */
  crlf: boolean;
  usage: "normal" | "none" | "nulls";
  cached: boolean;
  requireHeader: boolean;
};

export const DEFAULT_STALL_MS = 120_000;
const DEFAULT_LONG_TOKENS = 1000;
/** The header the `require-header` scenario insists on (the demo "company proxy" sends it). */
export const REQUIRED_HEADER = "x-team";

export const SCENARIO_DESCRIPTIONS: Record<string, string> = {
  normal: "the deterministic reply at a natural pace (default)",
  reasoning: "reasoning/thinking first, then the answer (automatic when the request asks for it)",
  "slow[-<ms>]": "one token every 50 ms (SIM_TOKEN_DELAY_MS) or every <ms>",
  "fast[-<n>]": "no delays; with <n>, exactly n tokens",
  "long[-<n>]": `a reply of n tokens (default ${DEFAULT_LONG_TOKENS}) at the normal pace`,
  "midstream-error[-<n>]": "n answer tokens, then the provider's in-band error; no terminator",
  "http-<status>":
    "HTTP error before the stream in the provider's format (401, 403, 404 = model not found, 429 + Retry-After: 7, 500, 503, ...)",
  "stall-first-byte[-<ms>]": `nothing at all (no headers) for ms (default ${DEFAULT_STALL_MS}), then the normal reply`,
  "stall-midstream[-<ms>]": `a few tokens, silence for ms (default ${DEFAULT_STALL_MS}), then the rest`,
  "drop[-<n>]": "n answer tokens, then the socket is destroyed",
  "truncated[-<n>]": "n answer tokens, then a clean end without any terminator",
  "utf8-split": "multi-byte characters split across separate packets; CRLF line endings for SSE",
  crlf: "CRLF line endings for SSE formats",
  "malformed[-<n>]": "a non-JSON data line after n answer tokens, then the rest",
  "huge-chunk": "one ~1 MB text delta inside the reply",
  "invalid-utf8[-<n>]": "raw invalid UTF-8 bytes (C3 28 FF) inside one text delta",
  "no-usage": "OpenAI-compatible routes and Ollama report no usage at all",
  "null-usage": "OpenAI-compatible routes report a usage object whose values are null",
  cached: "half of the prompt tokens reported as cached",
  "require-header": `OpenAI-compatible routes answer 403 unless the request carries ${REQUIRED_HEADER}`,
};

const WITH_PARAMETER = new Set([
  "slow",
  "fast",
  "long",
  "midstream-error",
  "stall-first-byte",
  "stall-midstream",
  "drop",
  "truncated",
  "malformed",
  "invalid-utf8",
]);
const WITHOUT_PARAMETER = new Set([
  "normal",
  "reasoning",
  "utf8-split",
  "crlf",
  "huge-chunk",
  "no-usage",
  "null-usage",
  "cached",
  "require-header",
]);

function emptyScenario(): Scenario {
  return {
    label: "normal",
    reasoning: false,
    pace: "normal",
    paceMs: null,
    tokenCount: null,
    httpStatus: null,
    stallFirstByteMs: null,
    fault: null,
    hugeChunk: false,
    utf8Split: false,
    crlf: false,
    usage: "normal",
    cached: false,
    requireHeader: false,
  };
}

function applyPart(scenario: Scenario, name: string, parameter: number | null): void {
  switch (name) {
    case "normal":
      return;
    case "reasoning":
      scenario.reasoning = true;
      return;
    case "slow":
      scenario.pace = "slow";
      scenario.paceMs = parameter;
      return;
    case "fast":
      scenario.pace = "fast";
      scenario.tokenCount = parameter ?? scenario.tokenCount;
      return;
    case "long":
      scenario.tokenCount = parameter ?? DEFAULT_LONG_TOKENS;
      return;
    case "stall-first-byte":
      scenario.stallFirstByteMs = parameter ?? DEFAULT_STALL_MS;
      return;
    case "stall-midstream":
      scenario.fault = { kind: "stall-midstream", afterTokens: null, ms: parameter ?? DEFAULT_STALL_MS };
      return;
    case "midstream-error":
    case "drop":
    case "truncated":
    case "malformed":
    case "invalid-utf8":
      scenario.fault = { kind: name, afterTokens: parameter, ms: 0 };
      return;
    case "utf8-split":
      scenario.utf8Split = true;
      scenario.crlf = true;
      return;
    case "crlf":
      scenario.crlf = true;
      return;
    case "huge-chunk":
      scenario.hugeChunk = true;
      return;
    case "no-usage":
      scenario.usage = "none";
      return;
    case "null-usage":
      scenario.usage = "nulls";
      return;
    case "cached":
      scenario.cached = true;
      return;
    case "require-header":
      scenario.requireHeader = true;
      return;
  }
}

function parsePart(part: string): { name: string; parameter: number | null } | null {
  if (WITHOUT_PARAMETER.has(part) || WITH_PARAMETER.has(part)) return { name: part, parameter: null };
  const http = /^http-([45]\d\d)$/.exec(part);
  if (http?.[1]) return { name: "http", parameter: Number(http[1]) };
  const match = /^(.+)-(\d{1,9})$/.exec(part);
  if (match?.[1] && match[2] && WITH_PARAMETER.has(match[1])) return { name: match[1], parameter: Number(match[2]) };
  return null;
}

/** Splits `model~scenario` and merges it with the header; an unknown scenario is an error. */
export function resolveScenario(
  model: string | null,
  header: string | null,
): { baseModel: string | null; scenario: Scenario } | { error: string } {
  const tilde = model === null ? -1 : model.indexOf("~");
  const baseModel = model === null || tilde < 0 ? model : model.slice(0, tilde);
  const fromModel = model !== null && tilde >= 0 ? model.slice(tilde + 1).split("+") : [];
  const fromHeader = header ? header.split(/[+,]/u) : [];
  const parts = [...fromHeader, ...fromModel]
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part.length > 0);
  const scenario = emptyScenario();
  for (const part of parts) {
    const parsed = parsePart(part);
    if (!parsed)
      return {
        error: `unknown simulator scenario '${part}' (known: ${Object.keys(SCENARIO_DESCRIPTIONS).join(", ")})`,
      };
    if (parsed.name === "http") scenario.httpStatus = parsed.parameter;
    else applyPart(scenario, parsed.name, parsed.parameter);
  }
  const meaningful = parts.filter((part) => part !== "normal");
  scenario.label = meaningful.length > 0 ? meaningful.join("+") : "normal";
  return { baseModel, scenario };
}
