// A configuration read with pg (lib/db/sql.ts) instead of Prisma: the columns, the row as pg
// returns it (checked), and the one mapper to the `Configuration` Prisma's client returns.
// configuration-row.integration.test.ts compares the result with Prisma's for every field.
import { z } from "zod";
import { Provider, type Configuration } from "@/lib/db/generated/prisma/client";

export const CONFIGURATION_COLUMNS =
  "id, slug, name, provider, model, base_url, api_key_encrypted, api_key_last_four, default_params, extra_headers, legacy_extra_headers, first_token_timeout_ms, total_timeout_ms, max_tokens_cap, active, created_at, updated_at";

export const configurationRowSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  provider: z.enum(Provider),
  model: z.string(),
  base_url: z.string().nullable(),
  api_key_encrypted: z.string().nullable(),
  api_key_last_four: z.string().nullable(),
  default_params: z.json(),
  extra_headers: z.json(),
  legacy_extra_headers: z.json().nullable(),
  first_token_timeout_ms: z.number().int(),
  total_timeout_ms: z.number().int(),
  max_tokens_cap: z.number().int().nullable(),
  active: z.boolean(),
  created_at: z.date(),
  updated_at: z.date(),
});

export type ConfigurationRow = z.infer<typeof configurationRowSchema>;

/** The row as Prisma's client would return it (a new column fails the type check here). */
export function configurationFromRow(row: ConfigurationRow): Configuration {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    provider: row.provider,
    model: row.model,
    baseUrl: row.base_url,
    apiKeyEncrypted: row.api_key_encrypted,
    apiKeyLastFour: row.api_key_last_four,
    defaultParams: row.default_params,
    extraHeaders: row.extra_headers,
    legacyExtraHeaders: row.legacy_extra_headers,
    firstTokenTimeoutMs: row.first_token_timeout_ms,
    totalTimeoutMs: row.total_timeout_ms,
    maxTokensCap: row.max_tokens_cap,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
