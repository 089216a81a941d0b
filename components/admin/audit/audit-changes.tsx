import { fieldChangesSchema } from "@/lib/contracts/audit";

const MAX_VALUE_LENGTH = 80;

function describe(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function Value({ value, tone }: { value: unknown; tone: "from" | "to" }) {
  const text = describe(value);
  const short = text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
  const colour =
    tone === "from"
      ? "text-slate-500 line-through decoration-slate-400/60 dark:text-slate-400"
      : "text-slate-900 dark:text-slate-100";
  return (
    <span className={`font-mono text-xs break-all ${colour}`} title={short === text ? undefined : text}>
      {short}
    </span>
  );
}

/** "field: before → after" per changed field; anything not in that shape is shown as JSON. */
export function AuditChanges({ changes }: { changes: unknown }) {
  if (changes === null || changes === undefined) return <span className="text-slate-400 dark:text-slate-500">—</span>;
  const parsed = fieldChangesSchema.safeParse(changes);
  if (!parsed.success) return <Value value={changes} tone="to" />;
  const fields = Object.entries(parsed.data);
  if (fields.length === 0) return <span className="text-slate-400 dark:text-slate-500">—</span>;
  return (
    <dl className="space-y-1" data-testid="audit-changes">
      {fields.map(([field, change]) => (
        <div key={field} className="flex flex-wrap items-baseline gap-x-1.5">
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-300">{field}:</dt>
          <dd className="flex flex-wrap items-baseline gap-x-1.5">
            {change.from === null || change.from === undefined ? null : (
              <>
                <Value value={change.from} tone="from" />
                <span aria-label="changed to" className="text-slate-400">
                  →
                </span>
              </>
            )}
            <Value value={change.to} tone="to" />
          </dd>
        </div>
      ))}
    </dl>
  );
}
