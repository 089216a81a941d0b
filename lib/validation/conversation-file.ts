import { z } from "zod";
import { PROVIDERS } from "@/lib/llm/providers/catalog";

// The JSON export of a conversation (GET /api/conversations/{id}/export?format=json), and what
// POST /api/conversations/import accepts: the same file, checked field by field.

export const CONVERSATION_FILE_FORMAT = "llm-manager.conversation";
export const CONVERSATION_FILE_VERSION = 1;
/** The largest file import reads (decimal megabytes, as the UI says "20 MB"). */
export const IMPORT_MAX_BYTES = 20_000_000;
/** The most turns one import may hold: longer files are refused, not cut. */
export const IMPORT_MAX_MESSAGES = 2_000;
const MAX_TEXT = 1_000_000;
const MAX_INT = 2_147_483_647;

const count = z.number().int("token counts are whole numbers").min(0).max(MAX_INT).nullable();
const milliseconds = z.number().int("times are whole milliseconds").min(0).max(MAX_INT).nullable();
const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });

/** One timeline entry: [ms since the run started, characters, 1 when it was reasoning]. */
const timelineEntry = z.union([
  z.tuple([z.number().int().min(0).max(MAX_INT), z.number().int().min(0).max(MAX_TEXT)]),
  z.tuple([z.number().int().min(0).max(MAX_INT), z.number().int().min(0).max(MAX_TEXT), z.literal(1)]),
]);

// Run parameters are flat (temperature, maxTokens, stop, ...): scalars and short string lists.
// A flat schema also keeps a hostile, deeply nested value from recursing through the validator.
const params = z.record(
  z.string().max(100),
  z.union([z.string().max(10_000), z.number(), z.boolean(), z.null(), z.array(z.string().max(10_000)).max(100)]),
  "params must be an object of simple values",
);

const configurationRef = z.object({
  id: z.number().int().positive().max(MAX_INT),
  slug: z.string().max(100),
  name: z.string().max(200),
  provider: z.enum(PROVIDERS),
  model: z.string().max(200),
});

const messageSchema = z.object({
  role: z.enum(["system", "user", "assistant"], "role must be system, user or assistant"),
  content: z.string().max(MAX_TEXT),
  reasoning: z.string().max(MAX_TEXT).nullable(),
  status: z.enum(["streaming", "complete", "aborted", "error"], "status must be streaming, complete, aborted or error"),
  error: z.object({ code: z.string().max(64), message: z.string().max(10_000).nullable() }).nullable(),
  finishReason: z.string().max(64).nullable(),
  configurationId: z.number().int().positive().max(MAX_INT).nullable(),
  params: params.nullable(),
  usage: z.object({
    promptTokens: count,
    completionTokens: count,
    reasoningTokens: count,
    cachedTokens: count,
    estimatedTokens: count,
    source: z.enum(["provider", "estimate"]).nullable(),
  }),
  metrics: z.object({ ttftMs: milliseconds, durationMs: milliseconds }),
  timeline: z.array(timelineEntry).max(200_000, "a timeline has at most 200,000 entries").nullable(),
  createdAt: instant,
  finishedAt: instant.nullable(),
});

export const conversationFileSchema = z.object({
  format: z.literal(
    CONVERSATION_FILE_FORMAT,
    `format must be "${CONVERSATION_FILE_FORMAT}": this is not an LLM Manager conversation export`,
  ),
  version: z.literal(CONVERSATION_FILE_VERSION, `version must be ${CONVERSATION_FILE_VERSION}`),
  exportedAt: instant,
  conversation: z.object({
    title: z.string().trim().min(1, "title cannot be empty").max(300, "title is at most 300 characters"),
    origin: z.enum(["prompt", "chat", "replay", "compare"]),
    systemPrompt: z.string().max(MAX_TEXT).nullable(),
    params,
    configuration: configurationRef.nullable(),
    createdAt: instant,
    updatedAt: instant,
    messages: z
      .array(messageSchema)
      .max(
        IMPORT_MAX_MESSAGES,
        `an import holds at most ${IMPORT_MAX_MESSAGES.toLocaleString("en-US")} messages; this file has more. Export a shorter conversation`,
      ),
  }),
});

export type ConversationFile = z.infer<typeof conversationFileSchema>;
export type ConversationFileMessage = ConversationFile["conversation"]["messages"][number];

export const conversationRenameSchema = z.object({
  title: z
    .string("title is required")
    .trim()
    .min(1, "title cannot be empty")
    .max(300, "title is at most 300 characters"),
});

export const exportFormatQuery = z.object({
  format: z.enum(["json", "md"], "format must be json or md").default("json"),
});
