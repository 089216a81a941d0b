import { toSentence } from "@/components/api/api-error";

/** The first message per top-level field, from zod issues or the API's `issues`, as sentences. */
export function fieldErrors<Field extends string>(
  fields: readonly Field[],
  issues: ReadonlyArray<{ path: string | PropertyKey[]; message: string }>,
): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of issues) {
    const head = typeof issue.path === "string" ? issue.path.split(".")[0] : issue.path[0];
    const field = fields.find((candidate) => candidate === head);
    if (field && !errors[field]) errors[field] = toSentence(issue.message);
  }
  return errors;
}
