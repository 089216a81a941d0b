import { getConfigurationByKey } from "@/lib/db/configurations";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { LlmRequestError } from "@/lib/llm/errors";
import { adapterFor, resolveBaseUrl } from "@/lib/llm/registry";
import type { LlmError, ModelInfo } from "@/lib/llm/types";
import { connectionFor } from "@/lib/runs/start-run";
import type { ProviderName } from "@/lib/validation/providers";

/** The provider's model list for a configuration; a provider failure is reported, not thrown. */
export async function listProviderModels(configuration: Configuration): Promise<{ models: ModelInfo[]; error: LlmError | null }> {
  const connection = connectionFor(configuration);
  try {
    return { models: await adapterFor(configuration.provider).listModels(connection, { signal: AbortSignal.timeout(30_000) }), error: null };
  } catch (error) {
    if (error instanceof LlmRequestError) return { models: [], error: error.llmError };
    throw error;
  }
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
export async function listModelsForConnection(details: UnsavedConnection): Promise<{ models: ModelInfo[]; error: LlmError | null }> {
  let apiKey = details.apiKey ?? null;
  if (details.apiKey === undefined && details.keyFrom !== undefined) {
    apiKey = connectionFor(await getConfigurationByKey({ key: details.keyFrom })).apiKey;
  }
  try {
    const baseUrl = resolveBaseUrl(details.provider, details.baseUrl ?? null);
    const connection = { provider: details.provider, baseUrl, apiKey, extraHeaders: details.extraHeaders ?? {}, model: "" };
    return { models: await adapterFor(details.provider).listModels(connection, { signal: AbortSignal.timeout(30_000) }), error: null };
  } catch (error) {
    if (error instanceof LlmRequestError) return { models: [], error: error.llmError };
    throw error;
  }
}
