import type { Actor } from "@/lib/db/actor";
import type { Database } from "@/lib/db/client";
import { database } from "@/lib/db/client";
import { storedHeaders, openApiKey } from "@/lib/crypto/configuration-secrets";
import { createConfiguration, getConfigurationByKey } from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { KEEP_HEADER_VALUE, type ConfigurationUpdateInput } from "@/lib/validation/configuration";

/**
 * A new configuration made from an existing one, with `input` overriding any field. The key is
 * copied here on the server (re-sealed), never through a browser: an absent `apiKey` copies it,
 * `null` leaves the clone without one, a string replaces it. Header values are copied the same
 * way: absent `extraHeaders` copies them all, `{"keep": true}` copies one. Without a slug one is
 * made from the name.
 */
export async function cloneConfiguration({
  db = database(),
  key,
  input: overrides,
  actor,
}: {
  db?: Database;
  key: string | number;
  input: ConfigurationUpdateInput;
  actor: Actor;
}): Promise<Configuration> {
  const source = await getConfigurationByKey({ db, key });
  let sourceKey: string | null;
  try {
    sourceKey = openApiKey(source);
  } catch {
    throw new AppError(
      "invalid_params",
      `The API key of "${source.name}" cannot be decrypted, so it cannot be copied. Enter a key for the copy, or clone without one.`,
      [{ path: "apiKey", message: "the source key cannot be decrypted" }],
    );
  }
  const view = toPublicConfiguration(source, { forAdmin: true });
  const merged = {
    name: overrides.name ?? `${source.name} (copy)`,
    ...(overrides.slug ? { slug: overrides.slug } : {}),
    provider: overrides.provider ?? source.provider,
    model: overrides.model ?? source.model,
    baseUrl: overrides.baseUrl === undefined ? source.baseUrl : overrides.baseUrl,
    apiKey: overrides.apiKey === undefined ? sourceKey : overrides.apiKey,
    defaultParams: overrides.defaultParams ?? view.defaultParams,
    extraHeaders:
      overrides.extraHeaders ?? Object.fromEntries(view.extraHeaders.map((header) => [header.name, KEEP_HEADER_VALUE])),
    firstTokenTimeoutMs: overrides.firstTokenTimeoutMs ?? source.firstTokenTimeoutMs,
    totalTimeoutMs: overrides.totalTimeoutMs ?? source.totalTimeoutMs,
    active: overrides.active ?? source.active,
  };
  return createConfiguration({
    db,
    input: merged,
    actor,
    clonedFromId: source.id,
    headerSource: { configurationId: source.id, headers: storedHeaders(source) },
  });
}
