import type { z } from "zod";
import { requestJson, type ApiResult } from "@/components/api/request-json";
import {
  configurationAnswerSchema,
  connectionTestAnswerSchema,
  deletedConfigurationAnswerSchema,
  dependentsAnswerSchema,
  modelListSchema,
  type ModelList,
} from "@/lib/contracts/configurations";

// The browser's calls to the configuration API, each answer read through its contract schema.

type ConfigurationAnswer = z.infer<typeof configurationAnswerSchema>;

/** Runs the real connection test of a saved configuration; the server keeps its outcome. */
export function testConfiguration(id: number): Promise<ApiResult<z.infer<typeof connectionTestAnswerSchema>>> {
  return requestJson(`/api/configurations/${id}/test`, connectionTestAnswerSchema, { method: "POST" });
}

export function createConfiguration(body: Record<string, unknown>): Promise<ApiResult<ConfigurationAnswer>> {
  return requestJson("/api/configurations", configurationAnswerSchema, { method: "POST", body });
}

export function cloneConfiguration(
  sourceId: number,
  body: Record<string, unknown>,
): Promise<ApiResult<ConfigurationAnswer>> {
  return requestJson(`/api/configurations/${sourceId}/clone`, configurationAnswerSchema, { method: "POST", body });
}

export function updateConfiguration(
  id: number,
  body: Record<string, unknown>,
): Promise<ApiResult<ConfigurationAnswer>> {
  return requestJson(`/api/configurations/${id}`, configurationAnswerSchema, { method: "PATCH", body });
}

export function deleteConfiguration(id: number): Promise<ApiResult<z.infer<typeof deletedConfigurationAnswerSchema>>> {
  return requestJson(`/api/configurations/${id}`, deletedConfigurationAnswerSchema, { method: "DELETE" });
}

export function fetchDependents(id: number): Promise<ApiResult<z.infer<typeof dependentsAnswerSchema>>> {
  return requestJson(`/api/configurations/${id}/dependents`, dependentsAnswerSchema, { method: "GET" });
}

/** The provider's models for the connection details in the form (saved or not). */
export function fetchProviderModels(body: Record<string, unknown>): Promise<ApiResult<ModelList>> {
  return requestJson("/api/provider-models", modelListSchema, { method: "POST", body });
}
