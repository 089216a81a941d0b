import { z } from "zod";
import { readApiError, type ApiError } from "@/components/auth/api-error";

// The browser's calls to the configuration API, each answer read through a schema.

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

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

export const lastTestSchema = z.object({
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

async function call<T>(url: string, schema: z.ZodType<T>, init: { method: string; body?: unknown }): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return { ok: false, error: { code: "network", message: "The server could not be reached. Check your connection and try again.", issues: [] } };
  }
  if (!response.ok) return { ok: false, error: await readApiError(response) };
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return { ok: false, error: { code: "unknown", message: "The server's answer was not understood. Reload the page and try again.", issues: [] } };
  return { ok: true, data: parsed.data };
}

/** Runs the real connection test of a saved configuration; the server keeps its outcome. */
export function testConfiguration(id: number): Promise<ApiResult<{ report: TestReport; lastTest: LastTest }>> {
  return call(`/api/configurations/${id}/test`, testAnswer, { method: "POST" });
}

export type SavedConfiguration = z.infer<typeof savedAnswer>["configuration"];

export function createConfiguration(body: Record<string, unknown>): Promise<ApiResult<{ configuration: SavedConfiguration }>> {
  return call("/api/configurations", savedAnswer, { method: "POST", body });
}

export function cloneConfiguration(sourceId: number, body: Record<string, unknown>): Promise<ApiResult<{ configuration: SavedConfiguration }>> {
  return call(`/api/configurations/${sourceId}/clone`, savedAnswer, { method: "POST", body });
}

export function updateConfiguration(id: number, body: Record<string, unknown>): Promise<ApiResult<{ configuration: SavedConfiguration }>> {
  return call(`/api/configurations/${id}`, savedAnswer, { method: "PATCH", body });
}

export function deleteConfiguration(id: number): Promise<ApiResult<unknown>> {
  return call(`/api/configurations/${id}`, z.unknown(), { method: "DELETE" });
}

export function fetchDependents(id: number): Promise<ApiResult<z.infer<typeof dependentsAnswer>>> {
  return call(`/api/configurations/${id}/dependents`, dependentsAnswer, { method: "GET" });
}

/** The provider's models for the connection details in the form (saved or not). */
export function fetchProviderModels(body: Record<string, unknown>): Promise<ApiResult<z.infer<typeof modelsAnswer>>> {
  return call("/api/provider-models", modelsAnswer, { method: "POST", body });
}
