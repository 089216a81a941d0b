import type { Actor } from "@/lib/db/actor";
import { diffFields, recordAudit, type FieldChange } from "@/lib/db/audit-log";
import { database, type Database } from "@/lib/db/client";
import { CONFIGURATION_COLUMNS, configurationFromRow, configurationRowSchema } from "@/lib/db/configuration-row";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Configuration, Prisma } from "@/lib/db/generated/prisma/client";
import { open, seal } from "@/lib/crypto/secret-box";
import { queryRows } from "@/lib/db/sql";
import { runLimitsEnv, serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  configurationCreateSchema,
  configurationUpdateSchema,
  crossFieldIssues,
  defaultParamsSchema,
  extraHeadersSchema,
  slugify,
  type DefaultParams,
  type ExtraHeaders,
} from "@/lib/validation/configuration";
import { parseOrThrow } from "@/lib/validation/issues";
import type { ProviderName } from "@/lib/validation/providers";

/** A configuration as a client may see it: never the key, only whether one is set (and, for admins, its last four characters). */
export type PublicConfiguration = {
  id: number;
  slug: string;
  name: string;
  provider: ProviderName;
  model: string;
  baseUrl: string | null;
  hasApiKey: boolean;
  apiKeyLastFour: string | null;
  defaultParams: DefaultParams;
  extraHeaders: ExtraHeaders;
  firstTokenTimeoutMs: number;
  totalTimeoutMs: number;
  /** Null: the deployment's default cap applies. */
  maxTokensCap: number | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

// Extra headers often carry a proxy's credentials; their values are shown only to admins.
const SECRET_HEADER = /authorization|api[-_]?key|token|secret|password|cookie|signature/i;

/** Header values whose name suggests a credential, masked (to their last four characters unless `lastFour` is false). */
export function maskSecretHeaders(headers: ExtraHeaders, { lastFour = true }: { lastFour?: boolean } = {}): ExtraHeaders {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, SECRET_HEADER.test(name) ? (lastFour ? `•••• ${value.slice(-4)}` : "••••") : value]));
}

/**
 * Strips key material and types the JSON columns. Only admins see the key's last four characters
 * and credential-like header values; viewers learn only whether a key is set.
 */
export function toPublicConfiguration(row: Configuration, { forAdmin = false }: { forAdmin?: boolean } = {}): PublicConfiguration {
  const params = defaultParamsSchema.safeParse(row.defaultParams);
  const headers = extraHeadersSchema.safeParse(row.extraHeaders);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    provider: row.provider,
    model: row.model,
    baseUrl: row.baseUrl,
    hasApiKey: row.apiKeyEncrypted !== null,
    apiKeyLastFour: forAdmin ? row.apiKeyLastFour : null,
    defaultParams: params.success ? params.data : {},
    extraHeaders: headers.success ? (forAdmin ? headers.data : maskSecretHeaders(headers.data, { lastFour: false })) : {},
    firstTokenTimeoutMs: row.firstTokenTimeoutMs,
    totalTimeoutMs: row.totalTimeoutMs,
    maxTokensCap: row.maxTokensCap,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The decrypted API key of a configuration, for the streaming engine only. */
export function decryptApiKey(row: Pick<Configuration, "apiKeyEncrypted">): string | null {
  return row.apiKeyEncrypted === null ? null : open(row.apiKeyEncrypted, serverEnv().encryptionKeys);
}

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
    const byId = await queryRows(db, `SELECT ${CONFIGURATION_COLUMNS} FROM llm_manager_configurations WHERE id = $1${active} LIMIT 1`, [Number(text)], configurationRowSchema);
    if (byId[0]) return configurationFromRow(byId[0]);
  }
  const bySlug = await queryRows(db, `SELECT ${CONFIGURATION_COLUMNS} FROM llm_manager_configurations WHERE slug = $1${active} LIMIT 1`, [text.toLowerCase()], configurationRowSchema);
  return bySlug[0] ? configurationFromRow(bySlug[0]) : null;
}

/** Like findConfigurationByKey, but a missing configuration is a 404. */
export async function getConfigurationByKey(options: { db?: Database; key: string | number; activeOnly?: boolean }): Promise<Configuration> {
  const configuration = await findConfigurationByKey(options);
  if (!configuration) {
    throw new AppError("not_found", `No ${options.activeOnly ? "active " : ""}configuration with id or slug "${String(options.key)}".`);
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

function apiKeyColumns(apiKey: string | null): { apiKeyEncrypted: string | null; apiKeyLastFour: string | null } {
  if (apiKey === null) return { apiKeyEncrypted: null, apiKeyLastFour: null };
  return { apiKeyEncrypted: seal(apiKey, serverEnv().encryptionKeys.current), apiKeyLastFour: apiKey.slice(-4) };
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
function maxTokensRule(ownCap: number | null, defaultParams: unknown): { maxTokensCap: number; defaultParams: DefaultParams | undefined } {
  const parsed = defaultParamsSchema.safeParse(defaultParams);
  return { maxTokensCap: ownCap ?? runLimitsEnv().maxTokensCap, defaultParams: parsed.success ? parsed.data : undefined };
}

// Audit-friendly view of a row: plain values, the key only as a marker.
function auditView(row: Configuration): Record<string, unknown> {
  const { apiKeyEncrypted: _sealed, apiKeyLastFour, createdAt: _created, updatedAt: _updated, ...rest } = row;
  const headers = extraHeadersSchema.safeParse(rest.extraHeaders);
  // The audit log is read by people and backups: credential-like header values only masked.
  return { ...rest, extraHeaders: headers.success ? maskSecretHeaders(headers.data) : rest.extraHeaders, apiKey: apiKeyLastFour === null ? null : `(set, ends ${apiKeyLastFour})` };
}

function apiKeyChange(before: Configuration | null, apiKey: string | null | undefined): Record<string, FieldChange> {
  if (apiKey === undefined) return {};
  const from = before?.apiKeyEncrypted ? "(set)" : null;
  return { apiKey: { from, to: apiKey === null ? null : from ? "(replaced)" : "(set)" } };
}

/** Validates and saves a new configuration, sealing its API key, and records it in the audit log. */
export async function createConfiguration({
  db = database(),
  input,
  actor,
  clonedFromId,
}: {
  db?: Database;
  input: unknown;
  actor: Actor;
  /** Recorded in the audit entry when the new configuration is a clone. */
  clonedFromId?: number;
}): Promise<Configuration> {
  const values = parseOrThrow(configurationCreateSchema, input, "configuration");
  const baseUrl = values.baseUrl ?? null;
  const firstTokenTimeoutMs = values.firstTokenTimeoutMs ?? 60_000;
  const totalTimeoutMs = values.totalTimeoutMs ?? Math.max(600_000, firstTokenTimeoutMs);
  assertCrossFields({ provider: values.provider, baseUrl, firstTokenTimeoutMs, totalTimeoutMs, ...maxTokensRule(values.maxTokensCap ?? null, values.defaultParams) });
  if (values.slug) await assertSlugFree(db, values.slug);
  const slug = values.slug ?? (await uniqueSlugFor(db, values.name));
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.configuration.create({
        data: {
          slug,
          name: values.name,
          provider: values.provider,
          model: values.model,
          baseUrl,
          ...apiKeyColumns(values.apiKey ?? null),
          defaultParams: (values.defaultParams ?? {}) as Prisma.InputJsonValue,
          extraHeaders: (values.extraHeaders ?? {}) as Prisma.InputJsonValue,
          firstTokenTimeoutMs,
          totalTimeoutMs,
          maxTokensCap: values.maxTokensCap ?? null,
          active: values.active ?? true,
        },
      });
      const changes = { ...diffFields({}, auditView(created)), ...(clonedFromId === undefined ? {} : { clonedFrom: { from: null, to: clonedFromId } }) };
      await recordAudit({ db: tx, actor, action: "create", entityType: "configuration", entityId: created.id, changes });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}

/** Applies a partial change; `apiKey: null` removes the key, an absent `apiKey` keeps it. */
export async function updateConfiguration({
  db = database(),
  key,
  input,
  actor,
}: {
  db?: Database;
  key: string | number;
  input: unknown;
  actor: Actor;
}): Promise<Configuration> {
  const values = parseOrThrow(configurationUpdateSchema, input, "configuration");
  const before = await getConfigurationByKey({ db, key });
  const merged = {
    provider: values.provider ?? before.provider,
    baseUrl: values.baseUrl === undefined ? before.baseUrl : values.baseUrl,
    firstTokenTimeoutMs: values.firstTokenTimeoutMs ?? before.firstTokenTimeoutMs,
    totalTimeoutMs: values.totalTimeoutMs ?? before.totalTimeoutMs,
    ...maxTokensRule(values.maxTokensCap === undefined ? before.maxTokensCap : values.maxTokensCap, values.defaultParams ?? before.defaultParams),
  };
  assertCrossFields(merged);
  if (values.slug && values.slug !== before.slug) await assertSlugFree(db, values.slug, before.id);
  const { apiKey, defaultParams, extraHeaders, ...plain } = values;
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.configuration.update({
        where: { id: before.id },
        data: {
          ...plain,
          ...(apiKey === undefined ? {} : apiKeyColumns(apiKey)),
          ...(defaultParams === undefined ? {} : { defaultParams: defaultParams as Prisma.InputJsonValue }),
          ...(extraHeaders === undefined ? {} : { extraHeaders: extraHeaders as Prisma.InputJsonValue }),
        },
      });
      const { apiKey: _marker, ...beforeView } = auditView(before);
      const { apiKey: _markerAfter, ...afterView } = auditView(updated);
      const changes = { ...diffFields(beforeView, afterView), ...apiKeyChange(before, apiKey) };
      if (Object.keys(changes).length > 0) {
        await recordAudit({ db: tx, actor, action: "update", entityType: "configuration", entityId: updated.id, changes });
      }
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(values.slug ?? before.slug);
    throw error;
  }
}

/** Marks a configuration inactive; it stays in the database with its history. */
export async function deactivateConfiguration(options: { db?: Database; key: string | number; actor: Actor }): Promise<Configuration> {
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
    await recordAudit({ db: tx, actor, action: "delete", entityType: "configuration", entityId: deleted.id, changes: diffFields(auditView(deleted), {}) });
    return deleted;
  });
}
