import type { Configuration } from "@/lib/db/generated/prisma/client";
import { LlmRequestError } from "@/lib/llm/errors";
import { adapterFor } from "@/lib/llm/registry";
import type { LlmError, ModelInfo } from "@/lib/llm/types";
import { connectionFor } from "@/lib/runs/start-run";

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
