import { keyId, open, seal, sealedKeyId, type EncryptionKeys } from "@/lib/crypto/secret-box";
import { recordAudit } from "@/lib/db/audit-log";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import type { Database } from "@/lib/db/client";

/**
 * Re-seals every stored API key under `keys.current`, in one transaction: either every key is
 * rotated and verified, or nothing changes. Keys already under the current key are left alone,
 * so an interrupted rotation can simply be run again.
 */
export async function reencryptApiKeys({ db, keys }: { db: Database; keys: EncryptionKeys }): Promise<{ rotated: number; unchanged: number }> {
  const currentId = keyId(keys.current);
  return db.$transaction(
    async (tx) => {
      const rows = await tx.configuration.findMany({ where: { apiKeyEncrypted: { not: null } }, select: { id: true, apiKeyEncrypted: true } });
      let rotated = 0;
      for (const row of rows) {
        if (row.apiKeyEncrypted === null || sealedKeyId(row.apiKeyEncrypted) === currentId) continue;
        const plaintext = open(row.apiKeyEncrypted, keys);
        const resealed = seal(plaintext, keys.current);
        if (open(resealed, { current: keys.current }) !== plaintext) throw new Error(`Verification failed for configuration ${row.id}; nothing was changed.`);
        await tx.configuration.update({ where: { id: row.id }, data: { apiKeyEncrypted: resealed } });
        rotated += 1;
      }
      if (rotated > 0) {
        await recordAudit({ db: tx, actor: SYSTEM_ACTOR, action: "rotate_keys", entityType: "configuration", entityId: "*", changes: { encryptionKey: { from: "(previous)", to: `(key ${currentId})` } } });
      }
      return { rotated, unchanged: rows.length - rotated };
    },
    { timeout: 120_000 },
  );
}
