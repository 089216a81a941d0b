import type { ApiErrorBody, Issue } from "@/lib/contracts/errors";

/** Error codes the API answers with, each with its HTTP status. */
const ERROR_STATUS = {
  invalid_params: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  database_unavailable: 503,
  run_state_unavailable: 503,
  search_timeout: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorIssue = Issue;

/** An error meant for the caller: its message is safe to show, its code maps to a status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  /** For a 429: when trying again may succeed (the Retry-After header). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    issues?: ErrorIssue[],
    { retryAfterSeconds }: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = issues;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Headers the answer carries besides its JSON body. */
  get headers(): Record<string, string> {
    return this.retryAfterSeconds === undefined ? {} : { "Retry-After": String(this.retryAfterSeconds) };
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON(): ApiErrorBody & { error: { code: ErrorCode } } {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

/** The message of a thrown value, for a log line: an Error's own message, anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
