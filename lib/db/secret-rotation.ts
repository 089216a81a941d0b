// Re-sealing stored secrets (API keys and extra-header values) under the current key: what
// `keys:rotate` does, and, at start, sealing header values that older releases kept in clear.
// Each row is written with a compare-and-set on what was read, so a key saved meanwhile by a
// running instance is never overwritten with the old one, and the work can run while serving.
import { z } from "zod";
import { isSealedUnder, keyId, open, seal, sealedKeyId, type KeyRing } from "@/lib/crypto/secret-box";
import { recordAudit } from "@/lib/db/audit-log";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import type { Database } from "@/lib/db/client";
import {
  apiKeyContext,
  headerContext,
  sealHeader,
  storedHeaders,
  type StoredHeader,
} from "@/lib/crypto/configuration-secrets";

const secretRowSchema = z.object({
  id: z.number().int(),
  api_key_encrypted: z.string().nullable(),
  extra_headers: z.json(),
  legacy_extra_headers: z.json().nullable(),
});

type SecretRow = z.infer<typeof secretRowSchema>;

/** rotate: every value not sealed (current format) under the current key. start: only values in clear, and old-format ones already under the current key. */
export type ResealScope = "rotate" | "start";

function needsWork(sealed: string, ring: KeyRing, scope: ResealScope): boolean {
  if (isSealedUnder(sealed, ring.current)) return false;
  return scope === "rotate" || sealedKeyId(sealed) === keyId(ring.current);
}

function plaintextHeaders(value: unknown): Array<[string, string]> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string");
}

type Plan = { apiKeyEncrypted: string | null; extraHeaders: StoredHeader[]; values: number };

/** The row's secrets as they should be stored; null when nothing needs doing. Throws when a value cannot be opened. */
function planFor(row: SecretRow, ring: KeyRing, scope: ResealScope): Plan | null {
  let values = 0;
  let apiKeyEncrypted = row.api_key_encrypted;
  if (apiKeyEncrypted !== null && needsWork(apiKeyEncrypted, ring, scope)) {
    apiKeyEncrypted = seal(open(apiKeyEncrypted, ring, apiKeyContext(row.id)), ring.current, apiKeyContext(row.id));
    values += 1;
  }
  const extraHeaders = storedHeaders({ extraHeaders: row.extra_headers }).map((header) => {
    if (!needsWork(header.sealed, ring, scope)) return header;
    values += 1;
    return sealHeader(row.id, header.name, open(header.sealed, ring, headerContext(row.id, header.name)), ring);
  });
  for (const [name, value] of plaintextHeaders(row.legacy_extra_headers)) {
    // A value sealed since (by a newer instance) wins over the one left in clear.
    if (!extraHeaders.some((header) => header.name.toLowerCase() === name.toLowerCase()))
      extraHeaders.push(sealHeader(row.id, name, value, ring));
    values += 1;
  }
  // A legacy column is cleared even when it held nothing usable.
  if (values === 0 && row.legacy_extra_headers === null) return null;
  return { apiKeyEncrypted, extraHeaders, values };
}

async function readRows(db: Database, id?: number): Promise<SecretRow[]> {
  const rows: unknown =
    id === undefined
      ? await db.$queryRaw`SELECT id, api_key_encrypted, extra_headers, legacy_extra_headers FROM llm_manager_configurations ORDER BY id`
      : await db.$queryRaw`SELECT id, api_key_encrypted, extra_headers, legacy_extra_headers FROM llm_manager_configurations WHERE id = ${id}`;
  return z.array(secretRowSchema).parse(rows);
}

// Writes the plan only if the row still holds what the plan was made from.
async function compareAndSet(db: Database, row: SecretRow, plan: Plan): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE llm_manager_configurations
    SET api_key_encrypted = ${plan.apiKeyEncrypted}::text, extra_headers = ${JSON.stringify(plan.extraHeaders)}::jsonb, legacy_extra_headers = NULL
    WHERE id = ${row.id}
      AND api_key_encrypted IS NOT DISTINCT FROM ${row.api_key_encrypted}::text
      AND extra_headers = ${JSON.stringify(row.extra_headers)}::jsonb
      AND legacy_extra_headers IS NOT DISTINCT FROM ${row.legacy_extra_headers === null ? null : JSON.stringify(row.legacy_extra_headers)}::jsonb`;
  return count === 1;
}

/**
 * Re-seals what `scope` asks under `ring.current`. Every value is opened before anything is
 * written, so a value no key of the ring opens stops the run with nothing changed. Safe to run
 * again, and while instances serve: a row changed meanwhile is read again and redone.
 */
export async function resealSecrets({
  db,
  ring,
  scope,
}: {
  db: Database;
  ring: KeyRing;
  scope: ResealScope;
}): Promise<{ resealed: number; rows: number }> {
  const plans = (await readRows(db)).flatMap((row) => {
    const plan = planFor(row, ring, scope);
    return plan ? [{ row, plan }] : [];
  });
  let resealed = 0;
  for (const first of plans) {
    let { row, plan } = first;
    for (let attempt = 0; ; attempt += 1) {
      if (await compareAndSet(db, row, plan)) {
        resealed += plan.values;
        break;
      }
      const [fresh] = await readRows(db, row.id);
      const next = fresh ? planFor(fresh, ring, scope) : null;
      if (!fresh || !next) break;
      if (attempt >= 20)
        throw new Error(
          `Configuration ${row.id} kept changing while its secrets were re-sealed; run the command again.`,
        );
      row = fresh;
      plan = next;
    }
  }
  if (resealed > 0) {
    const action = scope === "rotate" ? "rotate_keys" : "seal_secrets";
    await recordAudit({
      db,
      actor: SYSTEM_ACTOR,
      action,
      entityType: "configuration",
      entityId: "*",
      changes: {
        encryptionKey: {
          from: scope === "rotate" ? "(previous)" : "(in clear or old format)",
          to: `(key ${keyId(ring.current)})`,
        },
      },
    });
  }
  return { resealed, rows: plans.length };
}

/** Stored secret values not yet sealed (current format) under `key`, by the key id they name ("clear" for values in clear). */
export async function secretsNotUnder({ db, key }: { db: Database; key: Buffer }): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const count = (id: string) => (counts[id] = (counts[id] ?? 0) + 1);
  for (const row of await readRows(db)) {
    const sealed = [
      row.api_key_encrypted,
      ...storedHeaders({ extraHeaders: row.extra_headers }).map((header) => header.sealed),
    ];
    for (const value of sealed)
      if (value !== null && !isSealedUnder(value, key)) count(sealedKeyId(value) ?? "unreadable");
    for (const _entry of plaintextHeaders(row.legacy_extra_headers)) count("clear");
  }
  return counts;
}
