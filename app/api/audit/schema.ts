import { z } from "zod";
import { AUDIT_ENTITY_TYPES } from "@/lib/validation/audit";
import { dateBound, RANGE_ORDER_ISSUE, rangeInOrder } from "@/lib/validation/date-range";

export const auditQuery = z
  .object({
    entityType: z.enum(AUDIT_ENTITY_TYPES, `entityType must be one of: ${AUDIT_ENTITY_TYPES.join(", ")}`).optional(),
    entityId: z.string().trim().max(64, "entityId is at most 64 characters").optional(),
    actor: z.string().trim().max(320, "actor is at most 320 characters").optional(),
    action: z
      .string()
      .trim()
      .max(64, "action is at most 64 characters")
      .regex(/^([a-z_]+(\.[a-z_]+)?)?$/, "action is a verb such as update, or entity.verb such as user.update")
      .optional(),
    from: dateBound("from").optional(),
    to: dateBound("to").optional(),
    limit: z.coerce
      .number("limit must be a number")
      .int("limit must be a whole number")
      .min(1, "limit is at least 1")
      .max(500, "limit is at most 500")
      .default(100),
    page: z.coerce
      .number("page must be a number")
      .int("page must be a whole number")
      .min(1, "page is at least 1")
      .max(100_000, "page is at most 100000")
      .default(1),
  })
  .refine(rangeInOrder, RANGE_ORDER_ISSUE)
  // An empty text filter means no filter, as an empty form field does.
  .transform(({ entityId, actor, action, ...rest }) => ({
    ...rest,
    entityId: entityId || undefined,
    actor: actor || undefined,
    action: action || undefined,
  }));
