import type { Actor } from "@/lib/db/actor";
import { database, type Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/prisma/client";

export type AuditEntityType = "configuration" | "user" | "api_token" | "conversation";

/** A field's change as stored in the audit log; secrets appear only as a marker. */
export type FieldChange = { from: unknown; to: unknown };

type AuditWriter = Pick<Database, "auditLog"> | Prisma.TransactionClient;

/** Appends one entry to the audit log (inside the caller's transaction when given one). */
export async function recordAudit({
  db,
  actor,
  action,
  entityType,
  entityId,
  changes,
}: {
  db: AuditWriter;
  actor: Actor;
  action: string;
  entityType: AuditEntityType;
  entityId: string | number;
  changes?: Record<string, FieldChange> | undefined;
}): Promise<void> {
  await db.auditLog.create({
    data: {
      actorUserId: actor.userId,
      actorTokenId: actor.tokenId,
      actorLabel: actor.label,
      action: `${entityType}.${action}`,
      entityType,
      entityId: String(entityId),
      changes: changes ? (changes as Prisma.InputJsonValue) : undefined,
    },
  });
}

/** Field-by-field differences between two plain records, for the keys present in `after`. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [field, value] of Object.entries(after)) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(value ?? null)) {
      changes[field] = { from: before[field] ?? null, to: value ?? null };
    }
  }
  return changes;
}

/** The newest audit entries, optionally for one entity. */
export async function listAuditEntries({
  db = database(),
  entityType,
  entityId,
  limit = 100,
}: {
  db?: Database;
  entityType?: AuditEntityType;
  entityId?: string;
  limit?: number;
}) {
  return db.auditLog.findMany({
    where: { entityType, entityId },
    orderBy: { id: "desc" },
    take: limit,
  });
}
