// `npm run keys:rotate`: re-seals every stored secret (API keys and extra-header values) under
// the current APP_ENCRYPTION_KEY, then checks that none is left under another key.
//  - With DATABASE_URL: first give every instance APP_ENCRYPTION_KEY=new and
//    APP_ENCRYPTION_KEY_PREVIOUS=old (they open both, seal with the new), run this, and drop
//    APP_ENCRYPTION_KEY_PREVIOUS only when it says so. Instances keep serving throughout.
//  - Zero-configuration mode (.data/): a new key is generated and stored in .data/secrets.json.
import { fail, say } from "@/lib/boot/log";
import { withDatabase } from "@/lib/boot/with-database";
import { loadOrCreateSecrets, newEncryptionKey, writeSecrets } from "@/lib/boot/secrets";
import { keyId, parseKeyRing, type KeyRing } from "@/lib/crypto/secret-box";
import type { Database } from "@/lib/db/client";
import { resealSecrets, secretsNotUnder } from "@/lib/db/secret-rotation";
import { errorMessage } from "@/lib/errors";

const VERIFY_ROUNDS = 3;

/** Rotates, then verifies; a value an instance sealed meanwhile under an old key is redone. Returns what is still left. */
async function rotateAndVerify(
  db: Database,
  ring: KeyRing,
): Promise<{ resealed: number; left: Record<string, number> }> {
  let resealed = 0;
  let left: Record<string, number> = {};
  for (let round = 0; round < VERIFY_ROUNDS; round += 1) {
    resealed += (await resealSecrets({ db, ring, scope: "rotate" })).resealed;
    left = await secretsNotUnder({ db, key: ring.current });
    if (Object.keys(left).length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { resealed, left };
}

function describeLeft(left: Record<string, number>): string {
  return Object.entries(left)
    .map(([id, count]) => `${count} under ${id === "clear" ? "no key (in clear)" : `key ${id}`}`)
    .join(", ");
}

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) {
    const current = process.env.APP_ENCRYPTION_KEY ?? fail("APP_ENCRYPTION_KEY (the new key) is not set.");
    const previous =
      process.env.APP_ENCRYPTION_KEY_PREVIOUS ??
      fail(
        "APP_ENCRYPTION_KEY_PREVIOUS (the old key) is not set.",
        "Set it to the key the stored secrets were encrypted with.",
      );
    const ring = parseKeyRing(current, previous);
    const result = await withDatabase((db) => rotateAndVerify(db, ring));
    if (Object.keys(result.left).length > 0) {
      fail(
        `re-sealed ${result.resealed} secret value(s), but some are still not under key ${keyId(ring.current)}: ${describeLeft(result.left)}.`,
        "An instance is probably still running with the old APP_ENCRYPTION_KEY. Give every instance APP_ENCRYPTION_KEY=new and APP_ENCRYPTION_KEY_PREVIOUS=old, then run this again. Keep APP_ENCRYPTION_KEY_PREVIOUS until it reports success.",
      );
    }
    say(
      `re-sealed ${result.resealed} secret value(s); verified: every stored secret is under key ${keyId(ring.current)}. You can now remove APP_ENCRYPTION_KEY_PREVIOUS from every instance and restart them.`,
    );
    return;
  }
  await withDatabase(async (db, dir) => {
    if (!dir) return;
    const secrets = loadOrCreateSecrets(dir);
    // The old key stays in the file as `previous` until every value is re-sealed, so a crash
    // midway loses nothing: running the command again finishes the job.
    const staged = secrets.appEncryptionKeyPrevious
      ? secrets
      : { ...secrets, appEncryptionKeyPrevious: secrets.appEncryptionKey, appEncryptionKey: newEncryptionKey() };
    writeSecrets(dir, staged);
    const ring = parseKeyRing(staged.appEncryptionKey, staged.appEncryptionKeyPrevious);
    const result = await rotateAndVerify(db, ring);
    if (Object.keys(result.left).length > 0)
      fail(
        `some secrets are still not under the new key: ${describeLeft(result.left)}.`,
        "Stop the running app, then run this again.",
      );
    writeSecrets(dir, { ...staged, appEncryptionKeyPrevious: undefined });
    say(
      `re-sealed ${result.resealed} secret value(s) under a new key ${keyId(ring.current)}, stored in ${dir}/secrets.json. Restart the app to use it.`,
    );
  });
}

main().catch((error: unknown) => fail(errorMessage(error)));
