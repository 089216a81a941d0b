"use client";

import { AuditChanges } from "@/components/admin/audit/audit-changes";
import type { AuditEntry } from "@/lib/contracts/audit";
import { ENTITY_LABELS } from "@/components/admin/audit/audit-filters";
import { Cell, DataTable } from "@/components/admin/data-table";
import { LocalTime } from "@/components/ui/local-time";

const HEADERS = ["When", "Who", "Action", "Entity", "Changes"];

function entityLabel(type: string): string {
  return type in ENTITY_LABELS ? ENTITY_LABELS[type as keyof typeof ENTITY_LABELS] : type;
}

/** The entries of one page; an entity's name filters the log to it. */
export function AuditTable({
  entries,
  onEntity,
}: {
  entries: AuditEntry[];
  onEntity: (entityType: string, entityId: string) => void;
}) {
  return (
    <DataTable caption="Audit log entries, newest first" headers={HEADERS} testId="audit-table">
      {entries.map((entry) => (
        <tr key={entry.id} data-testid="audit-row" data-action={entry.action} className="align-top">
          <Cell className="align-top">
            <LocalTime iso={entry.createdAt} format="dateTimeSeconds" />
          </Cell>
          <Cell className="align-top whitespace-nowrap">{entry.actorLabel}</Cell>
          <Cell className="align-top">
            <code
              className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-slate-800 dark:bg-slate-800 dark:text-slate-200"
              data-testid="audit-action-name"
            >
              {entry.action}
            </code>
          </Cell>
          <Cell className="align-top whitespace-nowrap">
            {entry.entityId === "*" ? (
              `${entityLabel(entry.entityType)}: all`
            ) : (
              <button
                type="button"
                onClick={() => onEntity(entry.entityType, entry.entityId)}
                className="rounded text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                title="Show only this entity's history"
                data-testid="audit-entity"
              >
                {entityLabel(entry.entityType)} #{entry.entityId}
              </button>
            )}
          </Cell>
          <Cell className="min-w-64 align-top">
            <AuditChanges changes={entry.changes} />
          </Cell>
        </tr>
      ))}
    </DataTable>
  );
}
