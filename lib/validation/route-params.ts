import { z } from "zod";
import { parseOrThrow } from "@/lib/validation/issues";

const recordIdSchema = z.coerce
  .number("the id must be a number")
  .int("the id must be a whole number")
  .positive("the id must be positive")
  .max(2_147_483_647, "the id is too large");

/** A numeric record id from a URL segment, or a 400. */
export function parseRecordId(segment: string, what: string): number {
  return parseOrThrow(recordIdSchema, segment, what);
}
