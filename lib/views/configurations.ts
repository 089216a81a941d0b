import type { LastTest, PublicConfiguration } from "@/lib/contracts/configurations";
import { headerViews } from "@/lib/crypto/configuration-secrets";
import type { Configuration, ConnectionTest } from "@/lib/db/generated/prisma/client";
import { defaultParamsSchema } from "@/lib/validation/configuration";

/** Strips every secret and types the JSON columns (see PublicConfiguration). */
export function toPublicConfiguration(
  row: Configuration,
  { forAdmin = false }: { forAdmin?: boolean } = {},
): PublicConfiguration {
  const params = defaultParamsSchema.safeParse(row.defaultParams);
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
    extraHeaders: headerViews(row, { forAdmin }),
    firstTokenTimeoutMs: row.firstTokenTimeoutMs,
    totalTimeoutMs: row.totalTimeoutMs,
    maxTokensCap: row.maxTokensCap,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A stored connection test as the dashboard and the test answer show it. */
export function toLastTest(row: ConnectionTest): LastTest {
  return {
    ok: row.ok,
    firstTokenLatencyMs: row.firstTokenLatencyMs,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    testedAt: row.createdAt.toISOString(),
  };
}
