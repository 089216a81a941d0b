import { z } from "zod";
import { parseKeyRing, type KeyRing } from "@/lib/crypto/secret-box";
import { parseHostAllowList, type HostAllowList } from "@/lib/llm/outbound-policy";

// The server's environment, checked once. The launcher (lib/boot/start.ts) fills DATABASE_URL
// and the secrets in the zero-configuration mode before `next start` sees them.
const serverEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .min(1, "DATABASE_URL is not set: point it at PostgreSQL, or start the app with `npm start`."),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be set to a random string of at least 16 characters."),
  APP_ENCRYPTION_KEY: z.string().min(1, "APP_ENCRYPTION_KEY is not set."),
  APP_ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  SESSION_IDLE_MINUTES: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce
      .number("SESSION_IDLE_MINUTES must be a number of minutes (0 = no idle limit).")
      .int("SESSION_IDLE_MINUTES must be a whole number of minutes.")
      .min(0, "SESSION_IDLE_MINUTES must be 0 or more.")
      .max(1440, "SESSION_IDLE_MINUTES is at most 1440 (a day).")
      .default(60),
  ),
});

// An empty value (as copied from .env.example) means unset.
const unsetWhenEmpty = (value: unknown) => (value === "" ? undefined : value);

const redisEnvSchema = z.object({
  REDIS_URL: z.preprocess(
    unsetWhenEmpty,
    z
      .string()
      .regex(
        /^rediss?:\/\/\S+$/u,
        "REDIS_URL must look like redis://host:6379 (or rediss:// for TLS), or be unset for one instance.",
      )
      .optional(),
  ),
  REDIS_KEY_PREFIX: z.preprocess(
    unsetWhenEmpty,
    z
      .string()
      .regex(/^[\w:.-]{1,64}$/u, "REDIS_KEY_PREFIX may hold letters, digits and _ : . - (at most 64).")
      .optional(),
  ),
});

export type RedisEnv = { url: string; keyPrefix: string } | null;

function invalid(issues: z.ZodError["issues"]): Error {
  return new Error(`Invalid environment:\n${issues.map((issue) => `- ${issue.message}`).join("\n")}`);
}

/** Redis settings (several instances share run state through it), or null without REDIS_URL. */
export function redisEnv(): RedisEnv {
  const parsed = redisEnvSchema.safeParse(process.env);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const { REDIS_URL: url, REDIS_KEY_PREFIX: keyPrefix } = parsed.data;
  return url ? { url, keyPrefix: keyPrefix ?? "llmm:" } : null;
}

/** The deployment's own address (NEXTAUTH_URL), else where the launcher listens by default; providers are told it for attribution. */
export function appUrl(): string {
  return process.env.NEXTAUTH_URL || "http://127.0.0.1:3000";
}

let allowListCache: { raw: string; allowList: HostAllowList } | undefined;

/**
 * PROVIDER_HOSTS_ALLOW parsed: the only hosts provider requests may reach (besides the refusals
 * that always apply), or null when unset. Read on every new provider connection, parsed once per
 * value; throws a message naming the bad entry.
 */
export function providerHostsAllowList(): HostAllowList | null {
  const raw = process.env.PROVIDER_HOSTS_ALLOW?.trim() ?? "";
  if (raw === "") return null;
  if (allowListCache?.raw === raw) return allowListCache.allowList;
  const parsed = parseHostAllowList(raw);
  if ("problem" in parsed) throw new Error(`Invalid environment:\n- ${parsed.problem}`);
  allowListCache = { raw, allowList: parsed.allowList };
  return parsed.allowList;
}

export type ServerEnv = {
  databaseUrl: string;
  nextAuthSecret: string;
  encryptionKeys: KeyRing;
  /** A session ends after this long without a request; 0 = only at its 12-hour end. */
  sessionIdleMs: number;
};

let cached: ServerEnv | undefined;

/** The validated server environment; throws one message listing every problem. */
export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = serverEnvSchema
    .extend({ ...redisEnvSchema.shape, ...runLimitsEnvSchema.shape })
    .safeParse(process.env);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const values = parsed.data;
  cached = {
    databaseUrl: values.DATABASE_URL,
    nextAuthSecret: values.NEXTAUTH_SECRET,
    encryptionKeys: parseKeyRing(values.APP_ENCRYPTION_KEY, values.APP_ENCRYPTION_KEY_PREVIOUS),
    sessionIdleMs: values.SESSION_IDLE_MINUTES * 60_000,
  };
  return cached;
}

// Whole numbers from the environment; 0 means "no limit" where `unlimited` says so.
const countSetting = (name: string, fallback: number, { min, max = 100_000_000 }: { min: number; max?: number }) =>
  z.preprocess(
    unsetWhenEmpty,
    z.coerce
      .number(`${name} must be a whole number`)
      .int(`${name} must be a whole number`)
      .min(min, `${name} must be at least ${min}${min === 0 ? " (0 = no limit)" : ""}`)
      .max(max, `${name} must be at most ${max}`)
      .default(fallback),
  );

const runLimitsEnvSchema = z.object({
  // A compare set or re-run streams up to 6 columns at once: a lower cap would refuse the app's own screens.
  RUN_CONCURRENCY_PER_USER: countSetting("RUN_CONCURRENCY_PER_USER", 6, { min: 0 }),
  // A 6-column re-run of a 10-turn conversation starts 60 runs, most of them within a minute.
  RUN_STARTS_PER_MINUTE: countSetting("RUN_STARTS_PER_MINUTE", 60, { min: 0 }),
  // Each test is three provider requests (model list, two probes).
  CONNECTION_TESTS_PER_MINUTE: countSetting("CONNECTION_TESTS_PER_MINUTE", 10, { min: 0 }),
  RUN_MAX_TOKENS_CAP: countSetting("RUN_MAX_TOKENS_CAP", 32_768, { min: 1, max: 1_000_000 }),
  RUN_MAX_CONTEXT_TOKENS: countSetting("RUN_MAX_CONTEXT_TOKENS", 128_000, { min: 0 }),
});

export type RunLimitsEnv = {
  /** Runs one user may have streaming at once; 0 = no limit. */
  concurrencyPerUser: number;
  /** Runs one user may start per minute; 0 = no limit. */
  startsPerMinute: number;
  /** Connection tests one user may start per minute; 0 = no limit. */
  connectionTestsPerMinute: number;
  /** The maxTokens cap of a configuration that sets none. */
  maxTokensCap: number;
  /** Estimated tokens of system prompt + history + new message a run may send; 0 = no limit. */
  maxContextTokens: number;
};

/** Per-user run limits and request-size caps (RUN_* and CONNECTION_TESTS_PER_MINUTE). */
export function runLimitsEnv(): RunLimitsEnv {
  const parsed = runLimitsEnvSchema.safeParse(process.env);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const values = parsed.data;
  return {
    concurrencyPerUser: values.RUN_CONCURRENCY_PER_USER,
    startsPerMinute: values.RUN_STARTS_PER_MINUTE,
    connectionTestsPerMinute: values.CONNECTION_TESTS_PER_MINUTE,
    maxTokensCap: values.RUN_MAX_TOKENS_CAP,
    maxContextTokens: values.RUN_MAX_CONTEXT_TOKENS,
  };
}
