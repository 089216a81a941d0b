// `npm run keys:rotate`: re-encrypts every stored API key under a new APP_ENCRYPTION_KEY.
//  - With DATABASE_URL: set APP_ENCRYPTION_KEY to the new key and APP_ENCRYPTION_KEY_PREVIOUS
//    to the old one, run this, then drop APP_ENCRYPTION_KEY_PREVIOUS.
//  - Zero-configuration mode (.data/): a new key is generated and stored in .data/secrets.json.
import { fail, say } from "@/lib/boot/log";
import { withDatabase } from "@/lib/boot/with-database";
import { loadOrCreateSecrets, newEncryptionKey, writeSecrets } from "@/lib/boot/secrets";
import { keyId, parseEncryptionKey } from "@/lib/crypto/secret-box";
import { reencryptApiKeys } from "@/lib/db/api-key-rotation";

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) {
    const current = process.env.APP_ENCRYPTION_KEY ?? fail("APP_ENCRYPTION_KEY (the new key) is not set.");
    const previous = process.env.APP_ENCRYPTION_KEY_PREVIOUS ?? fail("APP_ENCRYPTION_KEY_PREVIOUS (the old key) is not set.", "Set it to the key the stored API keys were encrypted with.");
    const keys = { current: parseEncryptionKey(current), previous: parseEncryptionKey(previous, "APP_ENCRYPTION_KEY_PREVIOUS") };
    const result = await withDatabase((db) => reencryptApiKeys({ db, keys }));
    say(`rotated ${result.rotated} API key(s) to key ${keyId(keys.current)} (${result.unchanged} already under it). You can now remove APP_ENCRYPTION_KEY_PREVIOUS.`);
    return;
  }
  await withDatabase(async (db, dir) => {
    if (!dir) return;
    const secrets = loadOrCreateSecrets(dir);
    // The old key stays in the file as `previous` until every value is re-sealed, so a crash
    // midway loses nothing: running the command again finishes the job.
    const staged = secrets.appEncryptionKeyPrevious ? secrets : { ...secrets, appEncryptionKeyPrevious: secrets.appEncryptionKey, appEncryptionKey: newEncryptionKey() };
    writeSecrets(dir, staged);
    const keys = { current: parseEncryptionKey(staged.appEncryptionKey), previous: parseEncryptionKey(staged.appEncryptionKeyPrevious ?? staged.appEncryptionKey) };
    const result = await reencryptApiKeys({ db, keys });
    writeSecrets(dir, { ...staged, appEncryptionKeyPrevious: undefined });
    say(`rotated ${result.rotated} API key(s) to a new key ${keyId(keys.current)}, stored in ${dir}/secrets.json. Restart the app to use it.`);
  });
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
