import { z } from "zod";
import { MAX_TOKENS_CAP } from "@/lib/validation/configuration";

// Parameters of a streamed run. EventSource can only send a query string, so every field also
// arrives as a string: numbers are coerced, then bounds-checked (the original system refused
// "0.7" from EventSource because its check wanted a number).

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

const number = (label: string, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number(`${label} must be a number`)
      .min(min, `${label} must be between ${min} and ${max}`)
      .max(max, `${label} must be between ${min} and ${max}`)
      .optional(),
  );

const integer = (label: string, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number(`${label} must be a number`)
      .int(`${label} must be a whole number`)
      .min(min, `${label} must be at least ${min}`)
      .max(max, `${label} must be at most ${max}`)
      .optional(),
  );

// `stop` may come as a JSON array, a repeated query key joined upstream, or one string.
const stopSequences = z.preprocess(
  (value) => {
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") {
      if (value.trim().startsWith("[")) {
        try {
          return JSON.parse(value) as unknown;
        } catch {
          return value;
        }
      }
      return [value];
    }
    return value;
  },
  z
    .array(
      z.string().min(1, "a stop sequence cannot be empty").max(100, "a stop sequence is at most 100 characters"),
      "stop must be a list of strings",
    )
    .max(4, "at most 4 stop sequences")
    .optional(),
);

export const PROMPT_MAX_CHARS = 200_000;

export const runParamsSchema = z.object({
  temperature: number("temperature", 0, 2),
  maxTokens: integer("maxTokens", 1, MAX_TOKENS_CAP),
  topP: number("topP", 0, 1),
  stop: stopSequences,
  reasoningEffort: z.preprocess(
    emptyToUndefined,
    z.enum(["low", "medium", "high"], "reasoningEffort must be low, medium or high").optional(),
  ),
  thinkingBudget: integer("thinkingBudget", 1024, MAX_TOKENS_CAP),
});

export const streamRequestSchema = runParamsSchema.extend({
  configuration: z.preprocess(
    emptyToUndefined,
    z
      .union([z.string(), z.number()], "configuration is required (its id or slug)")
      .transform(String)
      .pipe(
        z
          .string()
          .min(1, "configuration is required (its id or slug)")
          .max(100, "configuration is at most 100 characters"),
      ),
  ),
  prompt: z
    .string("prompt is required")
    .min(1, "prompt is required")
    .max(PROMPT_MAX_CHARS, `prompt is at most ${PROMPT_MAX_CHARS} characters`),
  system: z.preprocess(
    emptyToUndefined,
    z.string().max(PROMPT_MAX_CHARS, `system is at most ${PROMPT_MAX_CHARS} characters`).optional(),
  ),
  title: z.preprocess(emptyToUndefined, z.string().max(300, "title is at most 300 characters").optional()),
});

export const conversationTurnSchema = runParamsSchema.extend({
  message: z
    .string("message is required")
    .min(1, "message is required")
    .max(PROMPT_MAX_CHARS, `message is at most ${PROMPT_MAX_CHARS} characters`),
  configuration: z.preprocess(
    emptyToUndefined,
    z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(z.string().max(100, "configuration is at most 100 characters"))
      .optional(),
  ),
});

export const conversationCreateSchema = runParamsSchema.extend({
  configuration: z.union([z.string(), z.number()], "configuration is required (its id or slug)").transform(String),
  title: z.string().trim().max(300, "title is at most 300 characters").optional(),
  system: z.string().max(PROMPT_MAX_CHARS, `system is at most ${PROMPT_MAX_CHARS} characters`).optional(),
});

export type RunParams = z.infer<typeof runParamsSchema>;
export type StreamRequestInput = z.infer<typeof streamRequestSchema>;
