import { database } from "@/lib/db/client";
import { resealSecrets } from "@/lib/db/secret-rotation";
import { serverEnv } from "@/lib/env";

/**
 * Before serving: seals extra-header values an older release stored in clear and moves values of
 * the old format (no AAD) under the current key to the current format. Values under a previous
 * key are left to `npm run keys:rotate`. Idempotent: a second start finds nothing to do.
 */
export async function sealSecretsAtStart(): Promise<string | null> {
  const { resealed } = await resealSecrets({ db: database(), ring: serverEnv().encryptionKeys, scope: "start" });
  return resealed > 0 ? `${resealed} stored secret value(s) sealed under the current APP_ENCRYPTION_KEY` : null;
}
