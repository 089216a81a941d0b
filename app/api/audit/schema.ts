import { z } from "zod";

export const auditQuery = z.object({
  entityType: z.enum(["configuration", "user", "api_token"], "entityType must be configuration, user or api_token").optional(),
  entityId: z.string().max(64, "entityId is at most 64 characters").optional(),
  limit: z.coerce.number("limit must be a number").int("limit must be a whole number").min(1, "limit is at least 1").max(500, "limit is at most 500").default(100),
});
