import { z } from "zod";
import { dateBound, RANGE_ORDER_ISSUE, rangeInOrder } from "@/lib/validation/date-range";
import { PROVIDERS } from "@/lib/llm/providers/catalog";

export const listConversationsQuery = z
  .object({
    search: z.string().trim().max(200, "search is at most 200 characters").optional(),
    configuration: z.coerce
      .number("configuration must be a configuration id")
      .int("configuration must be a configuration id")
      .positive("configuration must be a configuration id")
      .max(2_147_483_647, "configuration is too large")
      .optional(),
    provider: z.enum(PROVIDERS, `provider must be one of: ${PROVIDERS.join(", ")}`).optional(),
    status: z
      .enum(["streaming", "complete", "aborted", "error"], "status must be streaming, complete, aborted or error")
      .optional(),
    from: dateBound("from").optional(),
    to: dateBound("to").optional(),
    page: z.coerce
      .number("page must be a number")
      .int("page must be a whole number")
      .min(1, "page starts at 1")
      .max(100_000, "page is too large")
      .default(1),
    pageSize: z.coerce
      .number("pageSize must be a number")
      .int("pageSize must be a whole number")
      .min(1, "pageSize is at least 1")
      .max(100, "pageSize is at most 100")
      .default(20),
  })
  .refine(rangeInOrder, RANGE_ORDER_ISSUE);
