import { z } from "zod";
import { assertStorableText } from "@/lib/validation/issues";

/** A query-string flag: `1`, `true` or `yes` mean on; absent means off. */
export const queryFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""], "use 1 or 0")
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");

/** The query string as a plain object (the last value of a repeated key wins); a NUL in it is a 400. */
export function searchParamsObject(url: URL): Record<string, string> {
  const query = Object.fromEntries(url.searchParams.entries());
  assertStorableText(query, "query");
  return query;
}
