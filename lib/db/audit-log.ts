import type { Actor } from "@/lib/db/actor";
import { database, type Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { AuditEntityType } from "@/lib/validation/audit";

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
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [field, value] of Object.entries(after)) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(value ?? null)) {
      changes[field] = { from: before[field] ?? null, to: value ?? null };
    }
  }
  return changes;
}

export type AuditFilter = {
  entityType?: AuditEntityType | undefined;
  entityId?: string | undefined;
  /** Part of the actor's label (an email, "system", "setup"), any case. */
  actor?: string | undefined;
  /** A whole action (`user.update`) or only its verb (`update`). */
  action?: string | undefined;
  /** Inclusive lower bound. */
  from?: Date | undefined;
  /** Exclusive upper bound. */
  to?: Date | undefined;
};

function auditWhere({ entityType, entityId, actor, action, from, to }: AuditFilter): Prisma.AuditLogWhereInput {
  return {
    entityType,
    entityId,
    ...(actor ? { actorLabel: { contains: actor, mode: "insensitive" } } : {}),
    ...(action ? { action: action.includes(".") ? action : { endsWith: `.${action}` } } : {}),
    // Prisma leaves an undefined bound out.
    createdAt: { gte: from, lt: to },
  };
}

/** One page of audit entries, newest first, with how many match the filter in all. */
export async function listAuditEntries({
  db = database(),
  limit = 100,
  page = 1,
  ...filter
}: AuditFilter & { db?: Database; limit?: number; page?: number }) {
  const where = auditWhere(filter);
  const [entries, total] = await db.$transaction([
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, take: limit, skip: (page - 1) * limit }),
    db.auditLog.count({ where }),
  ]);
  return { entries, total };
}

/** Every action the log holds, for a filter's choices. */
export async function listAuditActions({ db = database() }: { db?: Database } = {}): Promise<string[]> {
  const rows = await db.auditLog.findMany({
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((row) => row.action);
}
