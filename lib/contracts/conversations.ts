import { z } from "zod";
import { PROVIDERS } from "@/lib/llm/providers/catalog";

// The conversation and compare-set APIs' answers (app/api/conversations/**, app/api/compare-sets/**).

/** One timeline entry: [ms since the run started, characters, 1 when it was reasoning] (lib/runs/run-recorder.ts). */
const timelineEntrySchema = z.union([
  z.tuple([z.number().nonnegative(), z.number().nonnegative()]),
  z.tuple([z.number().nonnegative(), z.number().nonnegative(), z.literal(1)]),
]);

export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const timelineSchema = z.array(timelineEntrySchema);

/** A JSON column as written (run parameters): readers parse the part they use (runParamsSchema). */
type StoredJson = string | number | boolean | null | StoredJson[] | { [key: string]: StoredJson | undefined };

const storedJsonSchema: z.ZodType<StoredJson> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(storedJsonSchema),
    z.record(z.string(), storedJsonSchema),
  ]),
);

const conversationConfigurationSchema = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  provider: z.enum(PROVIDERS),
  model: z.string(),
});

const messageStatusSchema = z.enum(["streaming", "complete", "aborted", "error"]);

const originSchema = z.enum(["prompt", "chat", "replay", "compare"]);

/** A message as the API shows it: usage and metrics grouped, timestamps as ISO strings, its author when loaded. */
const publicMessageSchema = z.object({
  id: z.number(),
  runId: z.string().nullable(),
  author: z.object({ id: z.number(), email: z.string(), name: z.string().nullable() }).nullable(),
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
  reasoning: z.string().nullable(),
  status: messageStatusSchema,
  error: z.object({ code: z.string(), message: z.string().nullable() }).nullable(),
  finishReason: z.string().nullable(),
  configurationId: z.number().nullable(),
  params: storedJsonSchema,
  usage: z.object({
    promptTokens: z.number().nullable(),
    completionTokens: z.number().nullable(),
    reasoningTokens: z.number().nullable(),
    cachedTokens: z.number().nullable(),
    estimatedTokens: z.number().nullable(),
    source: z.string().nullable(),
  }),
  metrics: z.object({ ttftMs: z.number().nullable(), durationMs: z.number().nullable() }),
  /** Null when the run kept none (or what is stored is not a timeline). */
  timeline: timelineSchema.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export type PublicMessage = z.infer<typeof publicMessageSchema>;

/** A conversation with its messages. */
const publicConversationSchema = z.object({
  id: z.number(),
  title: z.string(),
  origin: originSchema,
  originConversationId: z.number().nullable(),
  systemPrompt: z.string().nullable(),
  params: storedJsonSchema,
  configuration: conversationConfigurationSchema.nullable(),
  createdById: z.number().nullable(),
  importedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  messages: z.array(publicMessageSchema),
});

export type PublicConversation = z.infer<typeof publicConversationSchema>;

/** One row of the conversations list. */
const conversationListItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  origin: originSchema,
  isCompareSet: z.boolean(),
  configuration: conversationConfigurationSchema.nullable(),
  messageCount: z.number(),
  lastStatus: messageStatusSchema.nullable(),
  importedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ConversationListItem = z.infer<typeof conversationListItemSchema>;

/** A compare set: the shared prompt settings, then each configuration's conversation. */
const publicCompareSetSchema = z.object({
  id: z.number(),
  title: z.string(),
  systemPrompt: z.string().nullable(),
  params: storedJsonSchema,
  createdAt: z.string(),
  conversations: z.array(publicConversationSchema),
});

export type PublicCompareSet = z.infer<typeof publicCompareSetSchema>;

export const conversationAnswerSchema = z.object({ conversation: publicConversationSchema });

export type ConversationAnswer = z.infer<typeof conversationAnswerSchema>;

export const conversationListAnswerSchema = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  conversations: z.array(conversationListItemSchema),
});

export type ConversationListAnswer = z.infer<typeof conversationListAnswerSchema>;

export const renamedConversationAnswerSchema = z.object({
  conversation: z.object({ id: z.number(), title: z.string(), updatedAt: z.string() }),
});

export type RenamedConversationAnswer = z.infer<typeof renamedConversationAnswerSchema>;

export const deletedConversationAnswerSchema = z.object({ deleted: z.object({ id: z.number(), title: z.string() }) });

export type DeletedConversationAnswer = z.infer<typeof deletedConversationAnswerSchema>;

export const replaysAnswerSchema = z.object({ conversations: z.array(publicConversationSchema) });

export type ReplaysAnswer = z.infer<typeof replaysAnswerSchema>;

export const compareSetAnswerSchema = z.object({ set: publicCompareSetSchema });

export type CompareSetAnswer = z.infer<typeof compareSetAnswerSchema>;

export const importedConversationAnswerSchema = z.object({
  conversation: z.object({ id: z.number(), configurationMatched: z.boolean() }),
});

export type ImportedConversationAnswer = z.infer<typeof importedConversationAnswerSchema>;
