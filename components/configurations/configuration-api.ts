import { z } from "zod";
import { requestJson, type ApiResult } from "@/components/api/request-json";

// The browser's calls to the configuration API, each answer read through a schema.

const llmErrorSchema = z.object({ code: z.string(), message: z.string() }).nullable();

const reportSchema = z.object({
  reachable: z.boolean(),
  authOk: z.boolean().nullable(),
  modelListed: z.boolean().nullable(),
  modelCount: z.number().nullable(),
  streams: z.boolean(),
  streamsIncrementally: z.boolean().nullable(),
  usageReported: z.boolean().nullable(),
  reasoningEmitted: z.boolean(),
  cancellationHonoured: z.boolean().nullable(),
  firstTokenLatencyMs: z.number().nullable(),
  cancelLatencyMs: z.number().nullable(),
  error: llmErrorSchema,
});

/** lib/runs/connection-test.ts' CapabilityReport as the browser reads it. */
export type TestReport = z.infer<typeof reportSchema>;

const lastTestSchema = z.object({
  ok: z.boolean(),
  firstTokenLatencyMs: z.number().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  testedAt: z.string(),
});

export type LastTest = z.infer<typeof lastTestSchema>;

const testAnswer = z.object({ report: reportSchema, lastTest: lastTestSchema });
const savedAnswer = z.object({ configuration: z.object({ id: z.number(), slug: z.string(), name: z.string() }) });
const dependentsAnswer = z.object({ dependents: z.object({ conversations: z.number(), messages: z.number() }) });
const modelsAnswer = z.object({ models: z.array(z.object({ id: z.string() })), error: llmErrorSchema });

/** Runs the real connection test of a saved configuration; the server keeps its outcome. */
export function testConfiguration(id: number): Promise<ApiResult<{ report: TestReport; lastTest: LastTest }>> {
  return requestJson(`/api/configurations/${id}/test`, testAnswer, { method: "POST" });
}

export type SavedConfiguration = z.infer<typeof savedAnswer>["configuration"];

export function createConfiguration(
  body: Record<string, unknown>,
): Promise<ApiResult<{ configuration: SavedConfiguration }>> {
  return requestJson("/api/configurations", savedAnswer, { method: "POST", body });
}

export function cloneConfiguration(
  sourceId: number,
  body: Record<string, unknown>,
): Promise<ApiResult<{ configuration: SavedConfiguration }>> {
  return requestJson(`/api/configurations/${sourceId}/clone`, savedAnswer, { method: "POST", body });
}

export function updateConfiguration(
  id: number,
  body: Record<string, unknown>,
): Promise<ApiResult<{ configuration: SavedConfiguration }>> {
  return requestJson(`/api/configurations/${id}`, savedAnswer, { method: "PATCH", body });
}

export function deleteConfiguration(id: number): Promise<ApiResult<unknown>> {
  return requestJson(`/api/configurations/${id}`, z.unknown(), { method: "DELETE" });
}

export function fetchDependents(id: number): Promise<ApiResult<z.infer<typeof dependentsAnswer>>> {
  return requestJson(`/api/configurations/${id}/dependents`, dependentsAnswer, { method: "GET" });
}

/** The provider's models for the connection details in the form (saved or not). */
export function fetchProviderModels(body: Record<string, unknown>): Promise<ApiResult<z.infer<typeof modelsAnswer>>> {
  return requestJson("/api/provider-models", modelsAnswer, { method: "POST", body });
}
