import { getConfigurationByKey } from "@/lib/db/configurations";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { LlmRequestError } from "@/lib/llm/errors";
import { adapterFor, resolveBaseUrl } from "@/lib/llm/registry";
import type { LlmError, ModelInfo, ProviderConnection } from "@/lib/llm/types";
import { connectionFor } from "@/lib/runs/start-run";
import type { ProviderName } from "@/lib/validation/providers";

type ModelList = { models: ModelInfo[]; error: LlmError | null };

/** Asks the provider for its models; a provider failure is reported, not thrown. */
async function modelsOf(connection: () => ProviderConnection): Promise<ModelList> {
  try {
    const resolved = connection();
    return { models: await adapterFor(resolved.provider).listModels(resolved, { signal: AbortSignal.timeout(30_000) }), error: null };
  } catch (error) {
    if (error instanceof LlmRequestError) return { models: [], error: error.llmError };
    throw error;
  }
}

/** The provider's model list for a configuration; a provider failure is reported, not thrown. */
export function listProviderModels(configuration: Configuration): Promise<ModelList> {
  return modelsOf(() => connectionFor(configuration));
}

/** Connection details typed into the configuration form, not yet saved. */
export type UnsavedConnection = {
  provider: ProviderName;
  baseUrl?: string | null | undefined;
  /** null: no key. Absent: the stored key of `keyFrom`, when given. */
  apiKey?: string | null | undefined;
  extraHeaders?: Record<string, string> | undefined;
  /** Id or slug of a saved configuration whose key is used when none is typed (editing, cloning). */
  keyFrom?: string | number | undefined;
};

/** The model list for unsaved details; a bad base URL or a provider failure is reported, not thrown. */
export async function listModelsForConnection(details: UnsavedConnection): Promise<ModelList> {
  let apiKey = details.apiKey ?? null;
  if (details.apiKey === undefined && details.keyFrom !== undefined) {
    apiKey = connectionFor(await getConfigurationByKey({ key: details.keyFrom })).apiKey;
  }
  // A bad base URL is an LlmRequestError from resolveBaseUrl: reported like a provider failure.
  return modelsOf(() => ({ provider: details.provider, baseUrl: resolveBaseUrl(details.provider, details.baseUrl ?? null), apiKey, extraHeaders: details.extraHeaders ?? {}, model: "" }));
}
