import { z } from "zod";

// A date (`2026-11-27`, midnight UTC) or a date-time with an offset (`2026-11-27T00:00:00+01:00`).
const instant = (field: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], `${field} must be a date (YYYY-MM-DD) or an ISO date-time with an offset`)
    .transform((value) => new Date(value));

export const auditQuery = z
  .object({
    entityType: z.enum(["configuration", "user", "api_token"], "entityType must be configuration, user or api_token").optional(),
    entityId: z.string().trim().max(64, "entityId is at most 64 characters").optional(),
    actor: z.string().trim().max(320, "actor is at most 320 characters").optional(),
    action: z
      .string()
      .trim()
      .max(64, "action is at most 64 characters")
      .regex(/^([a-z_]+(\.[a-z_]+)?)?$/, "action is a verb such as update, or entity.verb such as user.update")
      .optional(),
    from: instant("from").optional(),
    to: instant("to").optional(),
    limit: z.coerce.number("limit must be a number").int("limit must be a whole number").min(1, "limit is at least 1").max(500, "limit is at most 500").default(100),
    page: z.coerce.number("page must be a number").int("page must be a whole number").min(1, "page is at least 1").max(100_000, "page is at most 100000").default(1),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, { message: "from must be before to", path: ["to"] })
  // An empty text filter means no filter, as an empty form field does.
  .transform(({ entityId, actor, action, ...rest }) => ({ ...rest, entityId: entityId || undefined, actor: actor || undefined, action: action || undefined }));
