import { z } from "zod";
import { llmErrorSchema } from "@/lib/contracts/errors";
import { defaultParamsSchema } from "@/lib/validation/configuration";
import { PROVIDERS } from "@/lib/llm/providers/catalog";

// The configuration API's answers (app/api/configurations/**, /api/provider-models) and the
// dashboard card's data.

/** A header as clients see it: admins get whether it has a value and its last four characters, viewers only its name. */
const headerViewSchema = z.object({
  name: z.string(),
  hasValue: z.boolean().optional(),
  lastFour: z.string().nullable().optional(),
});

export type HeaderView = z.infer<typeof headerViewSchema>;

/**
 * A configuration as a client may see it: never a secret. The key and header values show only
 * whether they are set and, to admins, their last four characters; viewers see header names only.
 */
const publicConfigurationSchema = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  provider: z.enum(PROVIDERS),
  model: z.string(),
  baseUrl: z.string().nullable(),
  hasApiKey: z.boolean(),
  apiKeyLastFour: z.string().nullable(),
  defaultParams: defaultParamsSchema,
  extraHeaders: z.array(headerViewSchema),
  firstTokenTimeoutMs: z.number(),
  totalTimeoutMs: z.number(),
  /** Null: the deployment's default cap applies. */
  maxTokensCap: z.number().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type PublicConfiguration = z.infer<typeof publicConfigurationSchema>;

/** What the connection test found; null where a step could not tell. */
const capabilityReportSchema = z.object({
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
  error: llmErrorSchema.nullable(),
});

export type CapabilityReport = z.infer<typeof capabilityReportSchema>;

/** The newest stored connection test of a configuration. */
const lastTestSchema = z.object({
  ok: z.boolean(),
  firstTokenLatencyMs: z.number().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  testedAt: z.string(),
});

export type LastTest = z.infer<typeof lastTestSchema>;

/** A dashboard card: the configuration, its newest test and the replies started on it today. */
// Rendered on the server: a type, not a schema the browser parses.
export type DashboardConfiguration = PublicConfiguration & { lastTest: LastTest | null; runsToday: number };

export const configurationAnswerSchema = z.object({ configuration: publicConfigurationSchema });

export type ConfigurationAnswer = z.infer<typeof configurationAnswerSchema>;

export const configurationListAnswerSchema = z.object({ configurations: z.array(publicConfigurationSchema) });

export type ConfigurationListAnswer = z.infer<typeof configurationListAnswerSchema>;

export const connectionTestAnswerSchema = z.object({
  configuration: z.object({ id: z.number(), slug: z.string() }),
  report: capabilityReportSchema,
  lastTest: lastTestSchema,
});

export type ConnectionTestAnswer = z.infer<typeof connectionTestAnswerSchema>;

export const deletedConfigurationAnswerSchema = z.object({ deleted: z.object({ id: z.number(), slug: z.string() }) });

export type DeletedConfigurationAnswer = z.infer<typeof deletedConfigurationAnswerSchema>;

const configurationDependentsSchema = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  conversations: z.number(),
  messages: z.number(),
});

export type ConfigurationDependents = z.infer<typeof configurationDependentsSchema>;

export const dependentsAnswerSchema = z.object({ dependents: configurationDependentsSchema });

export type DependentsAnswer = z.infer<typeof dependentsAnswerSchema>;

const modelInfoSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  ownedBy: z.string().optional(),
});

/** A provider's models; a provider failure arrives as `error` with an empty list. */
export const modelListSchema = z.object({ models: z.array(modelInfoSchema), error: llmErrorSchema.nullable() });

export type ModelList = z.infer<typeof modelListSchema>;
