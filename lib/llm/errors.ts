import {
  APIConnectionError as AnthropicConnectionError,
  APIConnectionTimeoutError as AnthropicConnectionTimeoutError,
  APIError as AnthropicAPIError,
  APIUserAbortError as AnthropicUserAbortError,
} from "@anthropic-ai/sdk";
import {
  APIConnectionError as OpenAIConnectionError,
  APIConnectionTimeoutError as OpenAIConnectionTimeoutError,
  APIError as OpenAIAPIError,
  APIUserAbortError as OpenAIUserAbortError,
} from "openai";
import { OutboundRefusedError, ProviderRedirectError } from "@/lib/llm/outbound-policy";
import type { LlmError, LlmErrorCode, ProviderConnection } from "@/lib/llm/types";
import { PROVIDER_LABELS } from "@/lib/validation/providers";

// Every provider failure becomes an LlmError a person can act on: what happened, what to do,
// never a stack trace, a raw provider blob or the API key.

/** Thrown by non-streaming calls (listModels, resolveBaseUrl); carries the mapped LlmError. */
export class LlmRequestError extends Error {
  readonly llmError: LlmError;

  constructor(llmError: LlmError) {
    super(llmError.message);
    this.name = "LlmRequestError";
    this.llmError = llmError;
  }
}

/** The fields of a connection the error messages need; `extraHeaders` values are redacted like the key. */
export type ErrorContext = Pick<ProviderConnection, "provider" | "baseUrl" | "model" | "apiKey"> & {
  extraHeaders?: Record<string, string> | undefined;
};

const DETAIL_MAX_CHARS = 300;

/** "OpenAI", "Anthropic", "OpenRouter"; self-hosted servers are named by their host. */
export function providerLabel(context: ErrorContext): string {
  switch (context.provider) {
    case "openai":
    case "anthropic":
    case "openrouter":
      return PROVIDER_LABELS[context.provider];
    case "ollama":
      return `Ollama at ${hostOf(context.baseUrl)}`;
    case "local":
    case "custom":
      return `The server at ${hostOf(context.baseUrl)}`;
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** Every secret of a connection: the API key and each extra-header value. */
export function connectionSecrets(context: ErrorContext): string[] {
  return [context.apiKey, ...Object.values(context.extraHeaders ?? {})].filter(
    (secret): secret is string => secret !== null,
  );
}

// Also the forms a server may echo a value in: whitespace-trimmed, URL-encoded, without a scheme word.
function secretForms(secret: string): string[] {
  const trimmed = secret.trim();
  const withoutScheme = trimmed.replace(/^(Bearer|Basic|Token)\s+/i, "");
  return [...new Set([trimmed, withoutScheme, encodeURIComponent(trimmed)])].filter((form) => form.length >= 4);
}

/** Replaces every given secret (and anything shaped like a bearer token) in text shown to people or saved. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | null>): string {
  // Longest first, so a secret containing another is replaced whole.
  const forms = secrets
    .flatMap((secret) => (secret ? secretForms(secret) : []))
    .sort((left, right) => right.length - left.length);
  let redacted = text;
  for (const form of forms) redacted = redacted.split(form).join("[redacted]");
  return redacted.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, "$1[redacted]");
}

/** The provider's own words about an error, from any of the usual body shapes; trimmed and redacted. */
export function providerDetail(body: unknown, context: ErrorContext): string | undefined {
  const raw = findMessage(body, 0);
  if (raw === undefined) return undefined;
  // Whitespace collapsed and final punctuation dropped: the message adds its own full stop.
  const text = raw
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!]+$/, "");
  // An HTML error page says nothing useful and can be long.
  if (!text || /^<(!doctype|html|head|body)/i.test(text)) return undefined;
  // Redacted before clipping, so a secret cut in half at the end is not left readable.
  const redacted = redactSecrets(text, connectionSecrets(context));
  return redacted.length > DETAIL_MAX_CHARS ? `${redacted.slice(0, DETAIL_MAX_CHARS - 1)}…` : redacted;
}

function findMessage(body: unknown, depth: number): string | undefined {
  if (depth > 3 || body === null || body === undefined) return undefined;
  if (typeof body === "string") return body;
  if (typeof body !== "object") return undefined;
  // OpenAI {error:{message}}, Anthropic {type:"error",error:{type,message}}, Ollama {error:"..."}.
  const message: unknown = Reflect.get(body, "message");
  if (typeof message === "string" && message) return message;
  return findMessage(Reflect.get(body, "error"), depth + 1);
}

/** Words an error body may carry that name its kind (type, code), lowercased. */
function errorKinds(body: unknown): { kinds: string[]; numericCode: number | undefined } {
  const kinds: string[] = [];
  let numericCode: number | undefined;
  let current: unknown = body;
  for (let depth = 0; depth < 3 && typeof current === "object" && current !== null; depth++) {
    for (const field of ["type", "code", "error_code"]) {
      const value: unknown = Reflect.get(current, field);
      if (typeof value === "string" && value !== "error") kinds.push(value.toLowerCase());
      if (typeof value === "number" && Number.isInteger(value)) numericCode ??= value;
    }
    current = Reflect.get(current, "error");
  }
  return { kinds, numericCode };
}

function codeFromStatus(status: number, context: ErrorContext): LlmErrorCode {
  if (status === 401) return "auth_failed";
  // OpenRouter answers 403 when moderation flagged the input; elsewhere it is a key without rights.
  if (status === 403) return context.provider === "openrouter" ? "content_refused" : "auth_failed";
  if (status === 402) return "payment_required";
  if (status === 404) return "model_not_found";
  if (status === 408 || status === 504) return "timeout";
  if (status === 429) return "rate_limited";
  if (status === 400 || status === 413 || status === 422) return "invalid_request";
  if (status >= 500) return "upstream_unavailable";
  return "upstream_error";
}

function codeFromKinds(kinds: string[]): LlmErrorCode | undefined {
  const has = (...words: string[]) => kinds.some((kind) => words.some((word) => kind.includes(word)));
  if (has("insufficient_quota", "billing", "credit", "payment")) return "payment_required";
  if (has("authentication", "invalid_api_key", "permission", "unauthorized")) return "auth_failed";
  if (has("rate_limit", "too_many_requests")) return "rate_limited";
  if (has("model_not_found", "not_found")) return "model_not_found";
  if (has("overloaded", "unavailable")) return "upstream_unavailable";
  if (has("timeout")) return "timeout";
  if (has("content_filter", "moderation", "refus")) return "content_refused";
  if (has("invalid_request", "request_too_large")) return "invalid_request";
  return undefined;
}

/** Seconds from `retry-after-ms` / `retry-after` (seconds or an HTTP date); undefined when absent or absurd. */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const milliseconds = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return sane(Math.ceil(milliseconds / 1000));
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return sane(Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : sane(Math.ceil((date - Date.now()) / 1000));
}

function sane(seconds: number): number | undefined {
  return seconds >= 0 && seconds <= 86_400 ? seconds : undefined;
}

function describe(
  code: LlmErrorCode,
  context: ErrorContext,
  facts: { status?: number; detail?: string; retryAfter?: number },
): string {
  const label = providerLabel(context);
  const statusNote = facts.status ? ` (${facts.status})` : "";
  const detail = facts.detail ? `: ${facts.detail}` : "";
  switch (code) {
    case "auth_failed":
      if (facts.status === 403)
        return `${label} refused access${statusNote}${detail}. Check the API key's permissions.`;
      return context.apiKey === null
        ? `${label} requires an API key${statusNote}. Add one to the configuration.`
        : `${label} refused the API key${statusNote}. Edit the configuration's API key.`;
    case "model_not_found":
      return `${label} has no model "${context.model}"${statusNote}. Check the configuration's model name, or its base URL if the model is right.`;
    case "rate_limited":
      return `${label} is rate-limiting requests${statusNote}. ${facts.retryAfter !== undefined ? `Try again in ${facts.retryAfter} s.` : "Try again shortly."}`;
    case "payment_required":
      return `${label} reports insufficient credits or quota${statusNote}. Add credits to the account, then try again.`;
    case "content_refused":
      return `${label} refused the content${statusNote}${detail}.`;
    case "invalid_request":
      return `${label} rejected the request${statusNote}${detail}.`;
    case "upstream_unavailable":
      return `${label} is unavailable${statusNote}${detail}. Try again later.`;
    case "timeout":
      return `${label} timed out${statusNote}${detail}.`;
    case "upstream_protocol":
      return `${label} sent a stream that could not be read${detail}.`;
    case "upstream_error":
      return `${label} reported an error${statusNote}${detail}.`;
  }
}

/** Maps an HTTP error response (status, headers, parsed or raw body) to an LlmError. */
export function httpLlmError(
  context: ErrorContext,
  status: number,
  headers: Headers | undefined,
  body: unknown,
): LlmError {
  const { kinds } = errorKinds(body);
  let code = codeFromStatus(status, context);
  // OpenAI answers an exhausted quota with 429 insufficient_quota: that is a billing problem.
  if (code === "rate_limited" && codeFromKinds(kinds) === "payment_required") code = "payment_required";
  const retryAfter = code === "rate_limited" ? retryAfterSeconds(headers) : undefined;
  const detail = providerDetail(body, context);
  const message = describe(code, context, { status, detail, retryAfter });
  return { code, message, status, ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}) };
}

/** Maps an error the provider reported inside a 200 stream (OpenAI `error`, OpenRouter error chunk, Anthropic `event: error`, Ollama `{"error"}`). */
export function streamLlmError(context: ErrorContext, body: unknown): LlmError {
  const { kinds, numericCode } = errorKinds(body);
  const fromNumber =
    numericCode !== undefined && numericCode >= 400 && numericCode < 600
      ? codeFromStatus(numericCode, context)
      : undefined;
  const code = codeFromKinds(kinds) ?? fromNumber ?? "upstream_error";
  const detail = providerDetail(body, context);
  const label = providerLabel(context);
  const message =
    code === "upstream_error"
      ? `${label} failed while generating the reply${detail ? `: ${detail}` : ""}.`
      : describe(code, context, {
          detail: code === "auth_failed" || code === "model_not_found" || code === "rate_limited" ? undefined : detail,
        });
  return { code, message, ...(fromNumber ? { status: numericCode } : {}) };
}

/** The stream ended without the provider's end marker (finish_reason, message_stop, done:true). */
export function truncatedStreamError(context: ErrorContext): LlmError {
  return {
    code: "upstream_protocol",
    message: `${providerLabel(context)} closed the stream before finishing the reply.`,
  };
}

/** The stream carried something that is not the provider's format. */
export function malformedStreamError(context: ErrorContext, what: string): LlmError {
  return {
    code: "upstream_protocol",
    message: `${providerLabel(context)} sent a stream that could not be read: ${what}.`,
  };
}

/** Error codes found on an error and its causes (ECONNREFUSED, UND_ERR_SOCKET, CERT_HAS_EXPIRED, ...). */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const code: unknown = Reflect.get(current, "code");
    if (typeof code === "string") codes.push(code);
    current = Reflect.get(current, "cause");
  }
  return codes;
}

function isTlsCode(code: string): boolean {
  return (
    /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|HOSTNAME_MISMATCH)/.test(code) ||
    code === "ERR_TLS_CERT_ALTNAME_INVALID"
  );
}

/** host:port of the base URL, the port spelled out even when it is the scheme's default. */
function hostAndPort(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
  } catch {
    return baseUrl;
  }
}

/** One message for every failure to connect, so that an open port cannot be told from a closed one. */
function unreachableError(context: ErrorContext): LlmError {
  return {
    code: "upstream_unavailable",
    message: `Could not reach the server at ${hostAndPort(context.baseUrl)}. Check the base URL and that the server is running.`,
  };
}

/** Maps a failure to reach the server, or a connection lost mid-reply. */
export function connectionLlmError(context: ErrorContext, error: unknown, midStream: boolean): LlmError {
  const codes = causeCodes(error);
  const host = hostOf(context.baseUrl);
  if (midStream) {
    return { code: "upstream_protocol", message: `The connection to ${host} was lost before the reply finished.` };
  }
  // Certificate problems come from a TLS server that answered; a protocol mismatch (a plain port)
  // is reported like a closed one.
  const tls = codes.find((code) => isTlsCode(code) && !code.startsWith("ERR_SSL_"));
  if (tls) {
    return {
      code: "upstream_unavailable",
      message: `The TLS connection to ${host} failed (${tls}). Check the base URL's scheme (http or https) and the server's certificate.`,
    };
  }
  if (codes.includes("ENOTFOUND") || codes.includes("EAI_AGAIN")) {
    return {
      code: "upstream_unavailable",
      message: `Could not find the host ${hostnameOf(context.baseUrl)} (DNS lookup failed). Check the base URL.`,
    };
  }
  // Refused, reset, closed before answering, timed out while connecting: the same words.
  return unreachableError(context);
}

/** The error the outbound policy or the redirect rule raised (provider-fetch.ts), found on an error or its causes. */
function policyError(error: unknown): OutboundRefusedError | ProviderRedirectError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    if (current instanceof OutboundRefusedError || current instanceof ProviderRedirectError) return current;
    current = Reflect.get(current, "cause");
  }
  return null;
}

/** A request the outbound policy refused, or a redirect that was not followed, in words. */
function policyLlmError(context: ErrorContext, error: OutboundRefusedError | ProviderRedirectError): LlmError {
  if (error instanceof OutboundRefusedError) return { code: "invalid_request", message: error.message };
  const server = `The server at ${hostOf(context.baseUrl)}`;
  const message = error.targetOrigin
    ? `${server} redirected to ${error.targetOrigin} (${error.status}) — update the base URL. Redirects are not followed, so nothing was sent there.`
    : `${server} answered with a redirect (${error.status}) — check the base URL. Redirects are not followed.`;
  return { code: "invalid_request", status: error.status, message };
}

function hostnameOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname;
  } catch {
    return baseUrl;
  }
}

function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && Reflect.get(error, "name") === "AbortError";
}

// `instanceof` on the SDKs' generic APIError narrows to APIError<any, any, any>; this keeps the defaults.
function isSdkApiError(error: unknown): error is OpenAIAPIError | AnthropicAPIError {
  return error instanceof OpenAIAPIError || error instanceof AnthropicAPIError;
}

/**
 * Maps anything an SDK call or fetch threw to an LlmError; null when our own signal aborted it
 * (the stream then just ends: the caller knows it aborted).
 */
export function toLlmError(
  error: unknown,
  context: ErrorContext,
  options: { signal?: AbortSignal; midStream: boolean },
): LlmError | null {
  if (options.signal?.aborted) return null;
  if (error instanceof LlmRequestError) return error.llmError;
  const refused = policyError(error);
  if (refused) return policyLlmError(context, refused);
  if (error instanceof OpenAIUserAbortError || error instanceof AnthropicUserAbortError || isAbortError(error)) {
    // Not our signal: something else cut the request short.
    return { code: "timeout", message: `The request to ${providerLabel(context)} was cancelled before it finished.` };
  }
  if (error instanceof OpenAIConnectionTimeoutError || error instanceof AnthropicConnectionTimeoutError) {
    // The SDKs raise it for undici's connect timeout (their own wait is 30 minutes): said like any failure to connect.
    return options.midStream ? connectionLlmError(context, error, true) : unreachableError(context);
  }
  if (error instanceof OpenAIConnectionError || error instanceof AnthropicConnectionError) {
    return connectionLlmError(context, error.cause ?? error, options.midStream);
  }
  if (isSdkApiError(error)) {
    // A status means an HTTP error response; none means the provider reported an error inside the stream.
    if (error.status !== undefined) {
      return httpLlmError(context, error.status, error.headers, error.error ?? stripStatus(error.message));
    }
    return streamLlmError(context, error.error ?? error.message);
  }
  if (error instanceof SyntaxError) return malformedStreamError(context, "an event was not valid JSON");
  if (error instanceof TypeError && causeCodes(error).length > 0)
    return connectionLlmError(context, error, options.midStream);
  if (error instanceof TypeError && /fetch failed|terminated|network/i.test(error.message)) {
    return connectionLlmError(context, error, options.midStream);
  }
  return { code: "upstream_error", message: `The request to ${providerLabel(context)} failed unexpectedly.` };
}

/** Like toLlmError, for a model listing: a 404 there means no listing at that path, not a missing model. */
export function listModelsLlmError(error: unknown, context: ErrorContext, signal: AbortSignal, path: string): LlmError {
  const failure = toLlmError(error, context, { signal, midStream: false });
  if (!failure) return { code: "timeout", message: "Listing the models was cancelled." };
  if (failure.code !== "model_not_found") return failure;
  const url = `${context.baseUrl.replace(/\/+$/, "")}${path}`;
  return {
    code: "upstream_error",
    status: failure.status,
    message: `${providerLabel(context)} has no model list at ${url} (404). Check the base URL.`,
  };
}

function stripStatus(message: string): string {
  return message.replace(/^\d{3}\s+/, "");
}
