import { z } from "zod";

// The run events of /api/stream as the browser reads them (lib/runs/run-events.ts). Parsed with
// a schema, never trusted: an unknown or malformed event is skipped instead of breaking the run.

const count = z.number().nonnegative().nullable();

const usageSchema = z.object({
  promptTokens: count,
  completionTokens: count,
  reasoningTokens: count,
  cachedTokens: count,
  totalTokens: count,
  source: z.enum(["provider", "estimate"]),
});

const metricsSchema = z.object({
  ttftMs: z.number().nullable(),
  durationMs: z.number(),
  tokensPerSecond: z.number().nullable(),
});

const streamEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start"),
    runId: z.string(),
    conversationId: z.number(),
    configuration: z.object({ id: z.number(), slug: z.string(), provider: z.string(), model: z.string() }),
  }),
  z.object({ type: z.literal("thinking"), content: z.string(), tokens: z.number() }),
  z.object({ type: z.literal("chunk"), content: z.string(), tokens: z.number() }),
  z.object({ type: z.literal("done"), finishReason: z.string(), usage: usageSchema, metrics: metricsSchema }),
  z.object({
    type: z.literal("error"),
    code: z.string(),
    message: z.string(),
    status: z.number().optional(),
    retryAfterSeconds: z.number().optional(),
  }),
]);

export type StreamEvent = z.infer<typeof streamEventSchema>;
export type StreamUsage = z.infer<typeof usageSchema>;
export type StreamMetrics = z.infer<typeof metricsSchema>;

/** One `data:` payload as an event, or null when it is not JSON or not an event we know. */
export function parseStreamEvent(data: string): StreamEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = streamEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
