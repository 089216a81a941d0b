import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { keyId, open, seal, sealedKeyId } from "@/lib/crypto/secret-box";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { reencryptApiKeys } from "@/lib/db/api-key-rotation";
import type { Database } from "@/lib/db/client";
import { createConfiguration } from "@/lib/db/configurations";
import { TEST_ENCRYPTION_KEY } from "@/lib/testing/app-env";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";

const migrated = migratedDatabasePerFile();
let db: Database;
const oldKey = Buffer.from(TEST_ENCRYPTION_KEY, "base64");
const newKey = randomBytes(32);
const strangerKey = randomBytes(32);

beforeAll(async () => {
  db = migrated.db();
  for (let index = 0; index < 5; index += 1) {
    await createConfiguration({ db, actor: SYSTEM_ACTOR, input: { name: `Keyed ${index}`, provider: "openai", model: "m", apiKey: `sk-rotate-${index}-secret` } });
  }
  await createConfiguration({ db, actor: SYSTEM_ACTOR, input: { name: "No key", provider: "ollama", model: "m" } });
});

async function sealedValues(): Promise<Array<{ slug: string; apiKeyEncrypted: string | null }>> {
  return db.configuration.findMany({ select: { slug: true, apiKeyEncrypted: true }, orderBy: { id: "asc" } });
}

describe("API key rotation", () => {
  it("changes nothing when one stored key cannot be opened", async () => {
    const before = await sealedValues();
    await db.configuration.update({ where: { slug: "keyed-4" }, data: { apiKeyEncrypted: seal("sk-stranger", strangerKey) } });
    const beforeWithStranger = await sealedValues();
    await expect(reencryptApiKeys({ db, keys: { current: newKey, previous: oldKey } })).rejects.toThrow(/neither APP_ENCRYPTION_KEY/);
    expect(await sealedValues()).toEqual(beforeWithStranger);
    await db.configuration.update({ where: { slug: "keyed-4" }, data: { apiKeyEncrypted: before[4]?.apiKeyEncrypted ?? null } });
  });

  it("re-seals every key under the new key without losing one, and is safe to run again", async () => {
    const result = await reencryptApiKeys({ db, keys: { current: newKey, previous: oldKey } });
    expect(result).toEqual({ rotated: 5, unchanged: 0 });
    const rows = await sealedValues();
    for (const [index, row] of rows.slice(0, 5).entries()) {
      expect(sealedKeyId(row.apiKeyEncrypted ?? "")).toBe(keyId(newKey));
      expect(open(row.apiKeyEncrypted ?? "", { current: newKey })).toBe(`sk-rotate-${index}-secret`);
    }
    expect(rows[5]?.apiKeyEncrypted).toBeNull();
    expect(await reencryptApiKeys({ db, keys: { current: newKey, previous: oldKey } })).toEqual({ rotated: 0, unchanged: 5 });
    const audit = await db.auditLog.findFirst({ where: { action: "configuration.rotate_keys" } });
    expect(JSON.stringify(audit)).not.toContain("sk-rotate");
  });
});
