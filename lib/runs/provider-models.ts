import type { ModelList } from "@/lib/contracts/configurations";
import type { Actor } from "@/lib/db/actor";
import { getConfigurationByKey } from "@/lib/db/configurations";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { LlmRequestError } from "@/lib/llm/errors";
import { adapterFor, resolveBaseUrl } from "@/lib/llm/registry";
import type { ProviderConnection } from "@/lib/llm/types";
import { recordKeyUse, sendsStoredSecret } from "@/lib/runs/key-use-audit";
import { connectionFor } from "@/lib/runs/start-run";
import type { ProviderName } from "@/lib/llm/providers/catalog";

/** Asks the provider for its models; a provider failure is reported, not thrown. */
async function modelsOf(connection: ProviderConnection): Promise<ModelList> {
  try {
    return {
      models: await adapterFor(connection.provider).listModels(connection, {
        signal: AbortSignal.timeout(30_000),
        appUrl: appUrl(),
      }),
      error: null,
    };
  } catch (error) {
    if (error instanceof LlmRequestError) return { models: [], error: error.llmError };
    throw error;
  }
}

/** The provider's model list for a configuration (its stored key use audited); a provider failure is reported, not thrown. */
export async function listProviderModels(configuration: Configuration, actor: Actor): Promise<ModelList> {
  const connection = connectionFor(configuration);
  if (sendsStoredSecret(connection))
    await recordKeyUse({
      actor,
      configurationId: configuration.id,
      baseUrl: connection.baseUrl,
      purpose: "model list",
    });
  return modelsOf(connection);
}

/** Connection details typed into the configuration form, not yet saved. */
export type UnsavedConnection = {
  provider: ProviderName;
  baseUrl?: string | null | undefined;
  /** null: no key. Absent: the stored key of `keyFrom`, when given. */
  apiKey?: string | null | undefined;
  extraHeaders?: Record<string, string> | undefined;
  /** Id or slug of a saved configuration whose key is used when none is typed (editing, cloning); only towards that configuration's own server. */
  keyFrom?: string | number | undefined;
};

/** Refuses to send a stored key anywhere but the origin its configuration points at. */
function assertOwnOrigin(baseUrl: string, stored: { name: string; baseUrl: string }): void {
  const target = new URL(baseUrl).origin;
  const own = new URL(stored.baseUrl).origin;
  if (target === own) return;
  throw new AppError(
    "invalid_params",
    `The stored API key of "${stored.name}" is only sent to its own server (${own}), not to ${target}. To list models at another server, type the key again to use another server.`,
    [
      {
        path: "keyFrom",
        message:
          "the stored key is only sent to its configuration's own server: type the key again to use another server",
      },
    ],
  );
}

/**
 * The model list for unsaved details; a bad base URL or a provider failure is reported, not
 * thrown. `keyFrom` uses a stored key only towards its configuration's own origin (else 400),
 * and that use is audited.
 */
export async function listModelsForConnection(details: UnsavedConnection, actor: Actor): Promise<ModelList> {
  let baseUrl: string;
  try {
    baseUrl = resolveBaseUrl(details.provider, details.baseUrl ?? null);
  } catch (error) {
    if (error instanceof LlmRequestError) return { models: [], error: error.llmError };
    throw error;
  }
  let apiKey = details.apiKey ?? null;
  if (details.apiKey === undefined && details.keyFrom !== undefined) {
    const stored = await getConfigurationByKey({ key: details.keyFrom });
    const storedConnection = connectionFor(stored);
    assertOwnOrigin(baseUrl, { name: stored.name, baseUrl: storedConnection.baseUrl });
    apiKey = storedConnection.apiKey;
    if (apiKey !== null)
      await recordKeyUse({ actor, configurationId: stored.id, baseUrl, purpose: "model list (keyFrom)" });
  }
  return modelsOf({ provider: details.provider, baseUrl, apiKey, extraHeaders: details.extraHeaders ?? {}, model: "" });
}
