import { z } from "zod";
import { baseUrlProblem } from "@/lib/llm/outbound-policy";
import { PROVIDER_CATALOG, PROVIDERS } from "@/lib/llm/providers/catalog";

// Shared by the JSON API and the configuration form, so both refuse the same input the same way.

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Headers the SDKs set themselves; overriding them breaks requests in confusing ways.
const RESERVED_HEADERS = new Set([
  "host",
  "content-length",
  "content-type",
  "transfer-encoding",
  "connection",
  "accept-encoding",
]);

export const MAX_TOKENS_CAP = 1_000_000;

export const defaultParamsSchema = z.strictObject({
  temperature: z
    .number()
    .min(0, "temperature must be between 0 and 2")
    .max(2, "temperature must be between 0 and 2")
    .optional(),
  maxTokens: z
    .int("maxTokens must be a whole number")
    .min(1, "maxTokens must be at least 1")
    .max(MAX_TOKENS_CAP, `maxTokens must be at most ${MAX_TOKENS_CAP}`)
    .optional(),
  topP: z.number().min(0, "topP must be between 0 and 1").max(1, "topP must be between 0 and 1").optional(),
  stop: z
    .array(z.string().min(1, "a stop sequence cannot be empty").max(100, "a stop sequence is at most 100 characters"))
    .max(4, "at most 4 stop sequences")
    .optional(),
});

export type DefaultParams = z.infer<typeof defaultParamsSchema>;

const headerValueSchema = z
  .string()
  .max(4096, "a header value is at most 4096 characters")
  .regex(/^[^\r\n]*$/, "header values cannot contain line breaks");

// Names are checked in superRefine: zod reports a bad record key only as "Invalid key in record".
function headerMap<Value extends z.ZodType<string | { keep: true }>>(value: Value) {
  return z.record(z.string(), value).superRefine((headers, context) => {
    const names = Object.keys(headers);
    if (names.length > 20) context.addIssue({ code: "custom", message: "at most 20 extra headers" });
    const seen = new Set<string>();
    for (const name of names) {
      if (!HEADER_NAME.test(name))
        context.addIssue({ code: "custom", path: [name], message: "header names may use letters, digits and - only" });
      else if (RESERVED_HEADERS.has(name.toLowerCase()))
        context.addIssue({ code: "custom", path: [name], message: "this header is set by the client itself" });
      else if (seen.has(name.toLowerCase()))
        context.addIssue({ code: "custom", path: [name], message: "this header is listed twice" });
      seen.add(name.toLowerCase());
    }
  });
}

/** Header name → value, as sent to a provider. */
export const extraHeadersSchema = headerMap(headerValueSchema);

/**
 * Header values are write-only secrets: a saved configuration's form cannot send them back, so
 * `{"keep": true}` stands for "the value already saved under this name".
 */
export const KEEP_HEADER_VALUE = { keep: true } as const;
const extraHeadersInputSchema = headerMap(
  z.union(
    [headerValueSchema, z.strictObject({ keep: z.literal(true, "keep must be true") })],
    'a header value must be text, or {"keep": true} to keep the saved one',
  ),
);

export type ExtraHeadersInput = z.infer<typeof extraHeadersInputSchema>;

const baseUrlSchema = z
  .url({ protocol: /^https?$/, message: "base URL must be an http:// or https:// URL" })
  .max(2048, "base URL is at most 2048 characters")
  .superRefine((url, context) => {
    const problem = baseUrlProblem(url);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

const timeoutSchema = (label: string) =>
  z
    .int(`${label} must be a whole number of milliseconds`)
    .min(1000, `${label} must be at least 1000 ms`)
    .max(3_600_000, `${label} must be at most 3600000 ms (one hour)`);

const fields = {
  name: z.string().trim().min(1, "name is required").max(200, "name is at most 200 characters"),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "slug is required")
    .max(100, "slug is at most 100 characters")
    .regex(SLUG_PATTERN, "slug may use lowercase letters, digits and single dashes"),
  provider: z.enum(PROVIDERS, `provider must be one of: ${PROVIDERS.join(", ")}`),
  model: z.string().trim().min(1, "model is required").max(200, "model is at most 200 characters"),
  // Empty means "the provider's default URL".
  baseUrl: z.union([z.literal("").transform(() => null), z.null(), baseUrlSchema]),
  // Write-only; null removes the stored key.
  apiKey: z.union([
    z.null(),
    z.string().trim().min(1, "API key cannot be empty; send null to remove it").max(4096, "API key is too long"),
  ]),
  defaultParams: defaultParamsSchema,
  extraHeaders: extraHeadersInputSchema,
  firstTokenTimeoutMs: timeoutSchema("firstTokenTimeoutMs"),
  totalTimeoutMs: timeoutSchema("totalTimeoutMs"),
  // Null: the deployment's default cap (RUN_MAX_TOKENS_CAP).
  maxTokensCap: z.union([
    z.null(),
    z
      .int("maxTokensCap must be a whole number")
      .min(1, "maxTokensCap must be at least 1")
      .max(MAX_TOKENS_CAP, `maxTokensCap must be at most ${MAX_TOKENS_CAP}`),
  ]),
  active: z.boolean("active must be true or false"),
};

export const configurationCreateSchema = z.strictObject({
  name: fields.name,
  slug: fields.slug.optional(),
  provider: fields.provider,
  model: fields.model,
  baseUrl: fields.baseUrl.optional(),
  apiKey: fields.apiKey.optional(),
  defaultParams: fields.defaultParams.optional(),
  extraHeaders: fields.extraHeaders.optional(),
  firstTokenTimeoutMs: fields.firstTokenTimeoutMs.optional(),
  totalTimeoutMs: fields.totalTimeoutMs.optional(),
  maxTokensCap: fields.maxTokensCap.optional(),
  active: fields.active.optional(),
});

export const configurationUpdateSchema = configurationCreateSchema.partial().extend({ slug: fields.slug.optional() });

export type ConfigurationCreateInput = z.infer<typeof configurationCreateSchema>;
export type ConfigurationUpdateInput = z.infer<typeof configurationUpdateSchema>;

/** Rules across fields, checked on the configuration as it will be saved. */
export function crossFieldIssues(configuration: {
  provider: (typeof PROVIDERS)[number];
  baseUrl: string | null;
  firstTokenTimeoutMs: number;
  totalTimeoutMs: number;
  /** The cap that applies (the configuration's own, else the deployment's), when known. */
  maxTokensCap?: number | null | undefined;
  defaultParams?: DefaultParams | undefined;
}): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if (!configuration.baseUrl && PROVIDER_CATALOG[configuration.provider].defaultBaseUrl === null) {
    issues.push({
      path: "baseUrl",
      message: "a custom provider needs its base URL (for example https://llm.example.com/v1)",
    });
  }
  if (configuration.firstTokenTimeoutMs > configuration.totalTimeoutMs) {
    issues.push({
      path: "firstTokenTimeoutMs",
      message: "first-token timeout cannot be longer than the total timeout",
    });
  }
  const defaultMaxTokens = configuration.defaultParams?.maxTokens;
  if (configuration.maxTokensCap && defaultMaxTokens !== undefined && defaultMaxTokens > configuration.maxTokensCap) {
    issues.push({
      path: "defaultParams.maxTokens",
      message: `default max tokens cannot be over the max tokens cap (${configuration.maxTokensCap})`,
    });
  }
  return issues;
}

/** A slug made from a name: lowercase words joined by dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 90)
    .replace(/-+$/g, "");
  return slug || "configuration";
}
