import type { Actor } from "@/lib/db/actor";
import { recordAudit } from "@/lib/db/audit-log";
import { database } from "@/lib/db/client";
import type { ProviderConnection } from "@/lib/llm/types";

/** Why a stored key left the database outside a run, as the audit log shows it. */
export type KeyUsePurpose = "model list" | "model list (keyFrom)" | "connection test";

/** True when a saved configuration's connection sends a stored secret: its key or extra-header values. */
export function sendsStoredSecret(connection: Pick<ProviderConnection, "apiKey" | "extraHeaders">): boolean {
  return connection.apiKey !== null || Object.keys(connection.extraHeaders).length > 0;
}

/**
 * Audits one use of a configuration's stored key (or header values) outside a run, before the
 * request goes: `configuration.key_used` with the target host and the purpose, never a secret.
 */
export async function recordKeyUse({
  actor,
  configurationId,
  baseUrl,
  purpose,
}: {
  actor: Actor;
  configurationId: number;
  baseUrl: string;
  purpose: KeyUsePurpose;
}): Promise<void> {
  await recordAudit({
    db: database(),
    actor,
    action: "key_used",
    entityType: "configuration",
    entityId: configurationId,
    changes: { target: { from: null, to: new URL(baseUrl).host }, purpose: { from: null, to: purpose } },
  });
}
