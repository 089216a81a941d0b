import { apiErrorBodySchema, type Issue } from "@/lib/contracts/errors";

export type ApiError = { code: string; message: string; issues: Issue[] };

/** The error body of a failed API call, or a generic one when the body is not the API's shape. */
export async function readApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = apiErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, issues } = parsed.data.error;
    return { code, message, issues: issues ?? [] };
  }
  return {
    code: "unknown",
    message: `The server answered ${response.status} without details. Try again; if it keeps failing, check the server log.`,
    issues: [],
  };
}

/** Validation messages are lower-case fragments ("password must be ..."); forms show sentences. */
export function toSentence(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return trimmed;
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
