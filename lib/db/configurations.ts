import { z } from "zod";
import type { Actor } from "@/lib/db/actor";
import { diffFields, recordAudit, type FieldChange } from "@/lib/db/audit-log";
import { database, type Database } from "@/lib/db/client";
import { CONFIGURATION_COLUMNS, configurationFromRow, configurationRowSchema } from "@/lib/db/configuration-row";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Configuration, Prisma } from "@/lib/db/generated/prisma/client";
import type { KeyRing } from "@/lib/crypto/secret-box";
import { isSealedUnder } from "@/lib/crypto/secret-box";
import {
  headerChange,
  headerMarkers,
  openApiKey,
  sealApiKey,
  sealHeaders,
  storedHeaders,
  type HeaderSource,
  type StoredHeader,
} from "@/lib/crypto/configuration-secrets";
import { queryRows } from "@/lib/db/sql";
import { runLimitsEnv, serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  crossFieldIssues,
  defaultParamsSchema,
  KEEP_HEADER_VALUE,
  slugify,
  type ConfigurationCreateInput,
  type ConfigurationUpdateInput,
  type DefaultParams,
  type ExtraHeadersInput,
} from "@/lib/validation/configuration";

const NUMERIC_ID = /^[1-9][0-9]{0,9}$/;

/** Finds a configuration by numeric id (preferred) or slug; `activeOnly` hides inactive ones. */
export async function findConfigurationByKey({
  db = database(),
  key,
  activeOnly = false,
}: {
  db?: Database;
  key: string | number;
  activeOnly?: boolean;
}): Promise<Configuration | null> {
  const text = String(key).trim();
  // No stored slug holds NUL or a lone surrogate, and PostgreSQL would refuse the query (a 500).
  if (text.includes("\u0000") || !text.isWellFormed()) return null;
  // Straight to pg (lib/db/sql.ts): every run starts with this lookup.
  const active = activeOnly ? " AND active" : "";
  if (NUMERIC_ID.test(text) && Number(text) <= 2_147_483_647) {
    const byId = await queryRows(
      db,
      `SELECT ${CONFIGURATION_COLUMNS} FROM llm_manager_configurations WHERE id = $1${active} LIMIT 1`,
      [Number(text)],
      configurationRowSchema,
    );
    if (byId[0]) return configurationFromRow(byId[0]);
  }
  const bySlug = await queryRows(
    db,
    `SELECT ${CONFIGURATION_COLUMNS} FROM llm_manager_configurations WHERE slug = $1${active} LIMIT 1`,
    [text.toLowerCase()],
    configurationRowSchema,
  );
  return bySlug[0] ? configurationFromRow(bySlug[0]) : null;
}

/** Like findConfigurationByKey, but a missing configuration is a 404. */
export async function getConfigurationByKey(options: {
  db?: Database;
  key: string | number;
  activeOnly?: boolean;
}): Promise<Configuration> {
  const configuration = await findConfigurationByKey(options);
  if (!configuration) {
    throw new AppError(
      "not_found",
      `No ${options.activeOnly ? "active " : ""}configuration with id or slug "${String(options.key)}".`,
    );
  }
  return configuration;
}

/** Active configurations (or all of them), by name. */
export async function listConfigurations({
  db = database(),
  includeInactive = false,
}: { db?: Database; includeInactive?: boolean } = {}): Promise<Configuration[]> {
  return db.configuration.findMany({
    where: includeInactive ? {} : { active: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

async function assertSlugFree(db: Database, slug: string, exceptId?: number): Promise<void> {
  const holder = await db.configuration.findUnique({ where: { slug }, select: { id: true, name: true } });
  if (holder && holder.id !== exceptId) {
    throw slugTaken(slug, holder.name);
  }
}

function slugTaken(slug: string, holderName?: string): AppError {
  const message = `The slug "${slug}" is already used${holderName ? ` by "${holderName}"` : ""}. Choose another slug.`;
  return new AppError("invalid_params", message, [{ path: "slug", message }]);
}

async function uniqueSlugFor(db: Database, name: string): Promise<string> {
  const base = slugify(name);
  for (let suffix = 1; suffix < 1000; suffix += 1) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`;
    if (!(await db.configuration.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw new AppError("conflict", `Could not find a free slug for "${name}". Give one explicitly.`);
}

function assertCrossFields(configuration: Parameters<typeof crossFieldIssues>[0]): void {
  const issues = crossFieldIssues(configuration);
  if (issues.length > 0) {
    throw new AppError("invalid_params", `Invalid configuration: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
}

// The configuration's defaults must respect the cap that will apply to its runs.
function maxTokensRule(
  ownCap: number | null,
  defaultParams: unknown,
): { maxTokensCap: number; defaultParams: DefaultParams | undefined } {
  const parsed = defaultParamsSchema.safeParse(defaultParams);
  return {
    maxTokensCap: ownCap ?? runLimitsEnv().maxTokensCap,
    defaultParams: parsed.success ? parsed.data : undefined,
  };
}

// Audit-friendly view of a row: plain values, secrets only as markers.
function auditView(row: Configuration): Record<string, unknown> {
  const {
    apiKeyEncrypted: _sealed,
    apiKeyLastFour,
    legacyExtraHeaders: _legacy,
    createdAt: _created,
    updatedAt: _updated,
    ...rest
  } = row;
  return {
    ...rest,
    extraHeaders: headerMarkers(storedHeaders(row)),
    apiKey: apiKeyLastFour === null ? null : `(set, ends ${apiKeyLastFour})`,
  };
}

function apiKeyChange(before: Configuration | null, apiKey: string | null | undefined): Record<string, FieldChange> {
  if (apiKey === undefined) return {};
  const from = before?.apiKeyEncrypted ? "(set)" : null;
  return { apiKey: { from, to: apiKey === null ? null : from ? "(replaced)" : "(set)" } };
}

// The id is taken first: every secret is sealed bound to the row it belongs to.
async function nextConfigurationId(tx: Prisma.TransactionClient): Promise<number> {
  const rows: unknown =
    await tx.$queryRaw`SELECT nextval(pg_get_serial_sequence('llm_manager_configurations', 'id'))::int AS id`;
  const id = z.array(z.object({ id: z.number().int() })).parse(rows)[0]?.id;
  if (id === undefined) throw new Error("PostgreSQL gave no configuration id.");
  return id;
}

/** Saves a new configuration, sealing its API key and header values, and records it in the audit log. */
export async function createConfiguration({
  db = database(),
  input: values,
  actor,
  clonedFromId,
  headerSource = null,
  ring = serverEnv().encryptionKeys,
}: {
  db?: Database;
  input: ConfigurationCreateInput;
  actor: Actor;
  /** Recorded in the audit entry when the new configuration is a clone. */
  clonedFromId?: number;
  /** Where `{"keep": true}` header values come from (a clone's source). */
  headerSource?: HeaderSource | null;
  ring?: KeyRing;
}): Promise<Configuration> {
  const baseUrl = values.baseUrl ?? null;
  const firstTokenTimeoutMs = values.firstTokenTimeoutMs ?? 60_000;
  const totalTimeoutMs = values.totalTimeoutMs ?? Math.max(600_000, firstTokenTimeoutMs);
  assertCrossFields({
    provider: values.provider,
    baseUrl,
    firstTokenTimeoutMs,
    totalTimeoutMs,
    ...maxTokensRule(values.maxTokensCap ?? null, values.defaultParams),
  });
  if (values.slug) await assertSlugFree(db, values.slug);
  const slug = values.slug ?? (await uniqueSlugFor(db, values.name));
  try {
    return await db.$transaction(async (tx) => {
      const id = await nextConfigurationId(tx);
      const extraHeaders = sealHeaders({
        configurationId: id,
        input: values.extraHeaders ?? {},
        source: headerSource,
        ring,
      });
      const created = await tx.configuration.create({
        data: {
          id,
          slug,
          name: values.name,
          provider: values.provider,
          model: values.model,
          baseUrl,
          ...sealApiKey(id, values.apiKey ?? null, ring),
          defaultParams: values.defaultParams ?? {},
          extraHeaders,
          firstTokenTimeoutMs,
          totalTimeoutMs,
          maxTokensCap: values.maxTokensCap ?? null,
          active: values.active ?? true,
        },
      });
      const changes = {
        ...diffFields({}, auditView(created)),
        ...(clonedFromId === undefined ? {} : { clonedFrom: { from: null, to: clonedFromId } }),
      };
      await recordAudit({
        db: tx,
        actor,
        action: "create",
        entityType: "configuration",
        entityId: created.id,
        changes,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}

// An update that does not mention the headers keeps them all, re-sealed under the current key
// when it can (lazy rotation); one no key of the ring opens stays as it is.
function keptHeaders(row: Configuration, headers: StoredHeader[], ring: KeyRing): StoredHeader[] {
  const input: ExtraHeadersInput = Object.fromEntries(headers.map((header) => [header.name, KEEP_HEADER_VALUE]));
  try {
    return sealHeaders({ configurationId: row.id, input, source: { configurationId: row.id, headers }, ring });
  } catch {
    return headers;
  }
}

// Likewise for a kept API key.
function keptApiKeyColumns(row: Configuration, ring: KeyRing): { apiKeyEncrypted?: string } {
  if (row.apiKeyEncrypted === null || isSealedUnder(row.apiKeyEncrypted, ring.current)) return {};
  try {
    return { apiKeyEncrypted: sealApiKey(row.id, openApiKey(row, ring), ring).apiKeyEncrypted ?? undefined };
  } catch {
    return {};
  }
}

/**
 * Applies a partial change; `apiKey: null` removes the key, an absent `apiKey` keeps it.
 * `extraHeaders`, when given, is the whole new set: `{"keep": true}` keeps a saved value.
 */
export async function updateConfiguration({
  db = database(),
  key,
  input: values,
  actor,
  ring = serverEnv().encryptionKeys,
}: {
  db?: Database;
  key: string | number;
  input: ConfigurationUpdateInput;
  actor: Actor;
  ring?: KeyRing;
}): Promise<Configuration> {
  const before = await getConfigurationByKey({ db, key });
  const merged = {
    provider: values.provider ?? before.provider,
    baseUrl: values.baseUrl === undefined ? before.baseUrl : values.baseUrl,
    firstTokenTimeoutMs: values.firstTokenTimeoutMs ?? before.firstTokenTimeoutMs,
    totalTimeoutMs: values.totalTimeoutMs ?? before.totalTimeoutMs,
    ...maxTokensRule(
      values.maxTokensCap === undefined ? before.maxTokensCap : values.maxTokensCap,
      values.defaultParams ?? before.defaultParams,
    ),
  };
  assertCrossFields(merged);
  if (values.slug && values.slug !== before.slug) await assertSlugFree(db, values.slug, before.id);
  const { apiKey, defaultParams, extraHeaders, ...plain } = values;
  const beforeHeaders = storedHeaders(before);
  const afterHeaders =
    extraHeaders === undefined
      ? keptHeaders(before, beforeHeaders, ring)
      : sealHeaders({
          configurationId: before.id,
          input: extraHeaders,
          source: { configurationId: before.id, headers: beforeHeaders },
          ring,
        });
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.configuration.update({
        where: { id: before.id },
        data: {
          ...plain,
          ...(apiKey === undefined ? keptApiKeyColumns(before, ring) : sealApiKey(before.id, apiKey, ring)),
          ...(defaultParams === undefined ? {} : { defaultParams: defaultParams as Prisma.InputJsonValue }),
          extraHeaders: afterHeaders as Prisma.InputJsonValue,
        },
      });
      const { apiKey: _marker, extraHeaders: _headers, ...beforeView } = auditView(before);
      const { apiKey: _markerAfter, extraHeaders: _headersAfter, ...afterView } = auditView(updated);
      const headers = headerChange(beforeHeaders, afterHeaders, extraHeaders);
      const changes = {
        ...diffFields(beforeView, afterView),
        ...(headers ? { extraHeaders: headers } : {}),
        ...apiKeyChange(before, apiKey),
      };
      if (Object.keys(changes).length > 0) {
        await recordAudit({
          db: tx,
          actor,
          action: "update",
          entityType: "configuration",
          entityId: updated.id,
          changes,
        });
      }
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(values.slug ?? before.slug);
    throw error;
  }
}

/** Marks a configuration inactive; it stays in the database with its history. */
export async function deactivateConfiguration(options: {
  db?: Database;
  key: string | number;
  actor: Actor;
}): Promise<Configuration> {
  return updateConfiguration({ ...options, input: { active: false } });
}

/** Deletes a configuration; conversations that used it keep their messages (the link is cleared). */
export async function deleteConfiguration({
  db = database(),
  key,
  actor,
}: {
  db?: Database;
  key: string | number;
  actor: Actor;
}): Promise<Configuration> {
  const before = await getConfigurationByKey({ db, key });
  return db.$transaction(async (tx) => {
    const deleted = await tx.configuration.delete({ where: { id: before.id } });
    await recordAudit({
      db: tx,
      actor,
      action: "delete",
      entityType: "configuration",
      entityId: deleted.id,
      changes: diffFields(auditView(deleted), {}),
    });
    return deleted;
  });
}
