import type { FieldChange } from "@/lib/db/audit-log";
import { maskSecretHeaders } from "@/lib/db/configurations";
import { extraHeadersSchema } from "@/lib/validation/configuration";

// Entries written before configurations masked them may hold credential-like extra-header
// values; whatever is stored, the log is shown with them masked.

function maskHeaders(value: unknown): unknown {
  const headers = extraHeadersSchema.safeParse(value);
  return headers.success ? maskSecretHeaders(headers.data) : value;
}

/** A stored `changes` value as it may be shown: extra-header credentials masked. */
export function redactAuditChanges(changes: unknown): unknown {
  if (changes === null || typeof changes !== "object" || Array.isArray(changes)) return changes;
  const entries = Object.entries(changes as Record<string, unknown>).map(([field, change]) => {
    if (field !== "extraHeaders" || change === null || typeof change !== "object") return [field, change];
    const { from, to } = change as Partial<FieldChange>;
    return [field, { from: maskHeaders(from), to: maskHeaders(to) }];
  });
  return Object.fromEntries(entries);
}
