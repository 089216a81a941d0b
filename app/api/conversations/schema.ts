import { z } from "zod";
import { PROVIDERS } from "@/lib/validation/providers";

const DAY_MS = 86_400_000;
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

// A date (`2026-11-27`, a whole UTC day) or a date-time with its offset (the UI sends the
// user's local midnight). `to` is exclusive for a date-time and includes the whole day for a date.
function dateBound(name: "from" | "to") {
  const message = `${name} must be a date (YYYY-MM-DD) or an ISO 8601 date-time`;
  return z
    .union([z.iso.date({ message }), z.iso.datetime({ offset: true, message })], message)
    .transform((value) => {
      const instant = new Date(PLAIN_DATE.test(value) ? `${value}T00:00:00Z` : value);
      return name === "to" && PLAIN_DATE.test(value) ? new Date(instant.getTime() + DAY_MS) : instant;
    });
}

export const listConversationsQuery = z.object({
  search: z.string().trim().max(200, "search is at most 200 characters").optional(),
  configuration: z.coerce.number("configuration must be a configuration id").int("configuration must be a configuration id").positive("configuration must be a configuration id").max(2_147_483_647, "configuration is too large").optional(),
  provider: z.enum(PROVIDERS, `provider must be one of: ${PROVIDERS.join(", ")}`).optional(),
  status: z.enum(["streaming", "complete", "aborted", "error"], "status must be streaming, complete, aborted or error").optional(),
  from: dateBound("from").optional(),
  to: dateBound("to").optional(),
  page: z.coerce.number("page must be a number").int("page must be a whole number").min(1, "page starts at 1").max(100_000, "page is too large").default(1),
  pageSize: z.coerce.number("pageSize must be a number").int("pageSize must be a whole number").min(1, "pageSize is at least 1").max(100, "pageSize is at most 100").default(20),
});
