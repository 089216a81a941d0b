import type { z } from "zod";
import { AppError, type ErrorIssue } from "@/lib/errors";

/** Field-level issues of a failed parse, with dotted paths. */
export function toIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** Parses input with a schema, or throws a 400 `invalid_params` AppError listing every issue. */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  what = "request",
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    const first = issues[0];
    const summary = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "invalid input";
    throw new AppError("invalid_params", `Invalid ${what}: ${summary}`, issues);
  }
  return parsed.data;
}

// PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate cannot be encoded for the
// query at all: either one reaching the database was a 500. Request input carrying one is
// refused as bad input before anything reads it.
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_MESSAGE = "contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored";

/** Throws a 400 `invalid_params` when any string or key in parsed input cannot be stored in PostgreSQL. */
export function assertStorableText(input: unknown, what = "request"): void {
  const issues: ErrorIssue[] = [];
  // A walk with its own stack: parsed JSON may be nested far deeper than the call stack allows.
  const pending: Array<{ value: unknown; path: string }> = [{ value: input, path: "" }];
  const at = (path: string, key: string | number) =>
    path.length > 200 ? path : path ? `${path}.${key}` : String(key).slice(0, 200);
  for (let next = pending.pop(); next && issues.length < 10; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === "string") {
      if (UNSTORABLE_TEXT.test(value)) issues.push({ path, message: `the value ${UNSTORABLE_MESSAGE}` });
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => pending.push({ value: item, path: at(path, index) }));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (UNSTORABLE_TEXT.test(key)) issues.push({ path, message: `a key ${UNSTORABLE_MESSAGE}` });
        pending.push({ value: item, path: at(path, key) });
      }
    }
  }
  const first = issues[0];
  if (first)
    throw new AppError(
      "invalid_params",
      `Invalid ${what}: ${first.path ? `${first.path}: ` : ""}${first.message}`,
      issues,
    );
}
