import { z } from "zod";
import { PROMPT_MAX_CHARS, runParamsSchema } from "@/lib/validation/stream";

// Bodies of POST /api/conversations/{id}/replays and POST /api/compare-sets.

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 6;
export const REPLAY_MAX = 6;

const configurationKey = z
  .union([z.string(), z.number()], "each configuration is an id or a slug")
  .transform(String)
  .pipe(
    z
      .string()
      .trim()
      .min(1, "a configuration id or slug cannot be empty")
      .max(100, "a configuration id or slug is at most 100 characters"),
  );

const configurationList = (min: number, max: number) =>
  z
    .array(configurationKey, "configurations must be a list of configuration ids or slugs")
    .min(min, min === 1 ? "choose at least one configuration" : `choose at least ${min} configurations`)
    .max(max, `choose at most ${max} configurations`)
    .refine((keys) => new Set(keys).size === keys.length, "each configuration may be chosen once");

export const replayCreateSchema = z.object({ configurations: configurationList(1, REPLAY_MAX) });

export const compareSetCreateSchema = runParamsSchema.extend({
  configurations: configurationList(COMPARE_MIN, COMPARE_MAX),
  prompt: z
    .string("prompt is required")
    .refine((value) => value.trim() !== "", "prompt is required")
    .pipe(z.string().max(PROMPT_MAX_CHARS, `prompt is at most ${PROMPT_MAX_CHARS} characters`)),
  system: z.string().max(PROMPT_MAX_CHARS, `system is at most ${PROMPT_MAX_CHARS} characters`).optional(),
  title: z.string().trim().max(300, "title is at most 300 characters").optional(),
});
