import { ApiError } from "@google/genai";
import { z } from "zod";
import { httpLlmError, LlmRequestError, providerLabel, type ErrorContext } from "@/lib/llm/errors";
import type { LlmError } from "@/lib/llm/types";

// @google/genai throws one class for an HTTP error response, ApiError, whose message is the
// response's JSON body (`{"error": {"code", "message", "status", "details"}}`). Gemini says two
// things the generic mapping (lib/llm/errors.ts) would miss: a refused key is a 400 whose detail
// reason is API_KEY_INVALID, and the wait after a 429 is a RetryInfo detail, not a header.

const errorBodySchema = z.object({
  error: z.object({
    details: z
      .array(
        z.object({ "@type": z.string().optional(), reason: z.string().optional(), retryDelay: z.string().optional() }),
      )
      .optional()
      .catch(undefined),
  }),
});

/** The body the SDK put in the message, parsed when it is JSON; else the message itself. */
function apiErrorBody(error: ApiError): unknown {
  try {
    const body: unknown = JSON.parse(error.message);
    return body;
  } catch {
    return error.message;
  }
}

/** Seconds from a RetryInfo `retryDelay` ("34.4s"). */
function retryDelaySeconds(delay: string | undefined): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(delay ?? "");
  return match?.[1] === undefined ? undefined : Math.ceil(Number(match[1]));
}

/** Maps a Gemini HTTP error response (status and body) to an LlmError. */
function geminiHttpLlmError(context: ErrorContext, status: number, body: unknown): LlmError {
  const parsed = errorBodySchema.safeParse(body);
  const details = parsed.success ? (parsed.data.error.details ?? []) : [];
  if (details.some((detail) => detail.reason === "API_KEY_INVALID")) {
    return {
      code: "auth_failed",
      status,
      message: `${providerLabel(context)} refused the API key (${status}). Edit the configuration's API key.`,
    };
  }
  const delay = retryDelaySeconds(details.find((detail) => detail.retryDelay !== undefined)?.retryDelay);
  const headers = delay === undefined ? undefined : new Headers({ "retry-after": String(delay) });
  return httpLlmError(context, status, headers, body);
}

/** What the SDK threw, with an ApiError turned into the LlmRequestError the generic mapping passes on. */
export function fromGeminiSdkError(error: unknown, context: ErrorContext): unknown {
  if (!(error instanceof ApiError)) return error;
  return new LlmRequestError(geminiHttpLlmError(context, error.status, apiErrorBody(error)));
}
