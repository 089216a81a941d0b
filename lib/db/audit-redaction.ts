import type { FieldChange } from "@/lib/db/audit-log";

// Extra-header values are secrets: the log stores names with markers only ("(set)", "(replaced)").
// Whatever an entry holds (one written by an older release, say), it is shown that way too.
const MARKER = /^\([a-z ,0-9]+\)$/;

function markHeaders(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, marker]) => [
      name,
      typeof marker === "string" && MARKER.test(marker) ? marker : "(set)",
    ]),
  );
}

/** A stored `changes` value as it may be shown: extra-header values only as markers. */
export function redactAuditChanges(changes: unknown): unknown {
  if (changes === null || typeof changes !== "object" || Array.isArray(changes)) return changes;
  const entries = Object.entries(changes).map(([field, change]: [string, unknown]) => {
    if (field !== "extraHeaders" || change === null || typeof change !== "object") return [field, change];
    const { from, to } = change as Partial<FieldChange>;
    return [field, { from: markHeaders(from), to: markHeaders(to) }];
  });
  return Object.fromEntries(entries);
}
