import { z } from "zod";

// The audit API's answer (app/api/audit/route.ts).

/** The usual `changes`: "field: before → after" per changed field. */
export const fieldChangesSchema = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));

const auditEntrySchema = z.object({
  id: z.number(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** What changed, redacted; its shape depends on the action, so readers check what they show. */
  changes: z.unknown(),
  createdAt: z.string(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** One page of the audit log; a shape the page cannot read is an error, not a crash. */
export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  total: z.number(),
  page: z.number(),
  limit: z.number(),
});

export type AuditPage = z.infer<typeof auditPageSchema>;
