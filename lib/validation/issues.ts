import type { z } from "zod";
import { AppError, type ErrorIssue } from "@/lib/errors";

/** Field-level issues of a failed parse, with dotted paths. */
export function toIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** Parses input with a schema, or throws a 400 `invalid_params` AppError listing every issue. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown, what = "request"): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    const first = issues[0];
    const summary = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "invalid input";
    throw new AppError("invalid_params", `Invalid ${what}: ${summary}`, issues);
  }
  return parsed.data;
}
