import { z } from "zod";

/** The `/api/audit` answer: a shape the page cannot read is an error, not a crash. */
export const auditPageSchema = z.object({
  entries: z.array(
    z.object({
      id: z.number(),
      actorLabel: z.string(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string(),
      changes: z.unknown(),
      createdAt: z.string(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  limit: z.number(),
});

export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditEntry = AuditPage["entries"][number];
