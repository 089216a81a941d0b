import { z } from "zod";
import type { LlmErrorCode } from "@/lib/llm/types";

// The error answer of every API route (lib/http/respond.ts) and the provider failures that reach
// clients inside reports, model lists and run events.

export const LLM_ERROR_CODES = [
  "auth_failed",
  "model_not_found",
  "rate_limited",
  "payment_required",
  "content_refused",
  "invalid_request",
  "upstream_unavailable",
  "upstream_protocol",
  "upstream_error",
  "timeout",
] as const satisfies readonly LlmErrorCode[];

// A code added to lib/llm/types.ts but not here fails to compile.
type Missing = Exclude<LlmErrorCode, (typeof LLM_ERROR_CODES)[number]>;
const allCodesListed: Missing extends never ? true : Missing = true;
void allCodesListed;

export const llmErrorSchema = z.object({
  code: z.enum(LLM_ERROR_CODES),
  message: z.string(),
  status: z.number().optional(),
  retryAfterSeconds: z.number().optional(),
});

const issueSchema = z.object({ path: z.string(), message: z.string() });

export type Issue = z.infer<typeof issueSchema>;

export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(issueSchema).optional() }),
});

export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
