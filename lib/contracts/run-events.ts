import { z } from "zod";
import { LLM_ERROR_CODES } from "@/lib/contracts/errors";
import { PROVIDERS } from "@/lib/llm/providers/catalog";

// Every event of /api/stream (and of a resumed run): lib/runs/run-events.ts encodes them, the
// browser (components/run/read-event-stream.ts), Redis read-back and the e2e client parse them.

const count = z.number().nonnegative().nullable();

const usageReportSchema = z.object({
  promptTokens: count,
  completionTokens: count,
  reasoningTokens: count,
  cachedTokens: count,
  totalTokens: count,
  source: z.enum(["provider", "estimate"]),
});

export type UsageReport = z.infer<typeof usageReportSchema>;

const runMetricsSchema = z.object({
  ttftMs: z.number().nullable(),
  durationMs: z.number(),
  tokensPerSecond: z.number().nullable(),
});

export type RunMetrics = z.infer<typeof runMetricsSchema>;

const RUN_ERROR_CODES = [...LLM_ERROR_CODES, "aborted", "internal"] as const;

export const runEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start"),
    runId: z.string(),
    conversationId: z.number(),
    configuration: z.object({ id: z.number(), slug: z.string(), provider: z.enum(PROVIDERS), model: z.string() }),
  }),
  z.object({ type: z.literal("thinking"), content: z.string(), tokens: z.number() }),
  z.object({ type: z.literal("chunk"), content: z.string(), tokens: z.number() }),
  z.object({ type: z.literal("done"), finishReason: z.string(), usage: usageReportSchema, metrics: runMetricsSchema }),
  z.object({
    type: z.literal("error"),
    code: z.enum(RUN_ERROR_CODES),
    message: z.string(),
    status: z.number().optional(),
    retryAfterSeconds: z.number().optional(),
  }),
]);

export type RunEvent = z.infer<typeof runEventSchema>;

/** One `data:` payload as an event, or null when it is not JSON or not an event of this contract. */
export function parseRunEvent(data: string): RunEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = runEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
