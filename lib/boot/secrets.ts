import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseEncryptionKey } from "@/lib/crypto/secret-box";

const secretsFileSchema = z.object({
  nextAuthSecret: z.string().min(32),
  appEncryptionKey: z.string().min(1),
  appEncryptionKeyPrevious: z.string().optional(),
  postgresPassword: z.string().min(16),
});

export type GeneratedSecrets = z.infer<typeof secretsFileSchema>;

export function secretsFile(dir: string): string {
  return path.join(dir, "secrets.json");
}

export function newEncryptionKey(): string {
  return randomBytes(32).toString("base64");
}

/** Writes the secrets file atomically with mode 0600. */
export function writeSecrets(dir: string, secrets: GeneratedSecrets): void {
  const file = secretsFile(dir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** The secrets of the zero-configuration mode: read from .data/secrets.json, made once if missing. */
export function loadOrCreateSecrets(dir: string): GeneratedSecrets {
  const file = secretsFile(dir);
  if (existsSync(file)) {
    const parsed = secretsFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success)
      throw new Error(
        `${file} is damaged (${parsed.error.issues[0]?.message}). Restore it from a backup: it holds the key that decrypts stored API keys.`,
      );
    return parsed.data;
  }
  const secrets: GeneratedSecrets = {
    nextAuthSecret: randomBytes(32).toString("base64url"),
    appEncryptionKey: newEncryptionKey(),
    postgresPassword: randomBytes(18).toString("base64url"),
  };
  writeSecrets(dir, secrets);
  return secrets;
}

/**
 * Fills NEXTAUTH_SECRET / APP_ENCRYPTION_KEY. Embedded mode: missing ones come from the secrets
 * file. With DATABASE_URL (a real deployment) they must be set: returns what is missing.
 */
export function applySecrets({
  embedded,
  generated,
}: {
  embedded: boolean;
  generated: GeneratedSecrets | null;
}): string[] {
  if (embedded && generated) {
    process.env.NEXTAUTH_SECRET ||= generated.nextAuthSecret;
    process.env.APP_ENCRYPTION_KEY ||= generated.appEncryptionKey;
    if (generated.appEncryptionKeyPrevious)
      process.env.APP_ENCRYPTION_KEY_PREVIOUS ||= generated.appEncryptionKeyPrevious;
  }
  const missing = ["NEXTAUTH_SECRET", "APP_ENCRYPTION_KEY"].filter((name) => !process.env[name]);
  if (missing.length === 0 && process.env.APP_ENCRYPTION_KEY) parseEncryptionKey(process.env.APP_ENCRYPTION_KEY);
  return missing;
}
