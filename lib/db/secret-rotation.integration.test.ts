import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/lib/simulator/server";
import type { RequestActor } from "@/lib/auth/request-actor";
import { keyId, open, seal, sealedKeyId, sealLegacy, type KeyRing } from "@/lib/crypto/secret-box";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import type { Database } from "@/lib/db/client";
import { storedHeaders, openApiKey, openExtraHeaders } from "@/lib/crypto/configuration-secrets";
import { createConfiguration, getConfigurationByKey, updateConfiguration } from "@/lib/db/configurations";
import { resealSecrets, secretsNotUnder } from "@/lib/db/secret-rotation";
import { streamPrompt } from "@/lib/runs/stream-run";
import { TEST_ENCRYPTION_KEY } from "@/lib/testing/app-env";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { streamRequestSchema } from "@/lib/validation/stream";

// L6: rotating the key while instances serve and stream loses nothing and breaks nothing.
const migrated = migratedDatabasePerFile();
let db: Database;
let databaseUrl: string;
let simulator: Awaited<ReturnType<typeof startSimulator>>;
const oldKey = Buffer.from(TEST_ENCRYPTION_KEY, "base64");
const newKey = randomBytes(32);
const before: KeyRing = { current: oldKey, previous: [] };
// What every instance runs with during the window: APP_ENCRYPTION_KEY=new, APP_ENCRYPTION_KEY_PREVIOUS=old.
const during: KeyRing = { current: newKey, previous: [oldKey] };
const after: KeyRing = { current: newKey, previous: [] };

beforeAll(async () => {
  db = migrated.db();
  databaseUrl = process.env.DATABASE_URL ?? "";
  // This process is an instance already given the window's keys (serverEnv() is first read below).
  process.env.APP_ENCRYPTION_KEY = newKey.toString("base64");
  process.env.APP_ENCRYPTION_KEY_PREVIOUS = oldKey.toString("base64");
  simulator = await startSimulator();
});

afterAll(async () => {
  await simulator.close();
});

function rotateCommand(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join("node_modules", "tsx", "dist", "cli.mjs"),
        "--conditions=react-server",
        "lib/boot/rotate-keys-command.ts",
      ],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}

const viewer: RequestActor = { ...SYSTEM_ACTOR, userId: null, tokenId: null, role: "admin", via: "token" };

describe("secret rotation", () => {
  it("changes nothing when one stored value cannot be opened", async () => {
    const keyed = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      ring: before,
      input: { name: "Stranger", provider: "openai", model: "m", apiKey: "sk-stranger-0001" },
    });
    await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      ring: before,
      input: {
        name: "Fine",
        provider: "openai",
        model: "m",
        apiKey: "sk-fine-0002",
        extraHeaders: { "X-Auth": "fine-SECRET-0003" },
      },
    });
    await db.configuration.update({
      where: { id: keyed.id },
      data: { apiKeyEncrypted: seal("sk-stranger", randomBytes(32), `configuration:${keyed.id}:apiKey`) },
    });
    const snapshot = await db.configuration.findMany({ orderBy: { id: "asc" } });
    await expect(resealSecrets({ db, ring: during, scope: "rotate" })).rejects.toThrow(/neither APP_ENCRYPTION_KEY/);
    expect(await db.configuration.findMany({ orderBy: { id: "asc" } })).toEqual(snapshot);
    await db.configuration.deleteMany({});
  });

  it("re-seals keys and header values while runs stream and a key is saved, and verifies before PREVIOUS is dropped", async () => {
    const rows = [];
    for (let index = 0; index < 4; index += 1) {
      rows.push(
        await createConfiguration({
          db,
          actor: SYSTEM_ACTOR,
          ring: before,
          input: {
            name: `Live ${index}`,
            slug: `live-${index}`,
            provider: "openai",
            model: "gpt-4o-mini~slow-20",
            baseUrl: `${simulator.url}/openai/v1`,
            apiKey: `sk-live-${index}-secret`,
            extraHeaders: { "X-Simulator-Tag": `live-${index}`, "X-Auth": `auth-${index}-SECRET` },
          },
        }),
      );
    }
    // One written by a release before AAD.
    const legacyRow = rows[3];
    if (!legacyRow) throw new Error("four rows expected");
    await db.configuration.update({
      where: { id: legacyRow.id },
      data: { apiKeyEncrypted: sealLegacy("sk-live-3-secret", oldKey) },
    });

    // Runs keep streaming through the whole window (each decrypts with the ring as it starts),
    // and an instance keeps saving a new key for live-1, until the rotation has finished.
    const run = (slug: string) =>
      streamPrompt({
        request: new Request("http://app.test/api/stream"),
        actor: viewer,
        input: streamRequestSchema.parse({ configuration: slug, prompt: "Rotation", maxTokens: 12 }),
      }).then((response) => response.text());
    let rotating = true;
    const rotation = rotateCommand({
      APP_ENCRYPTION_KEY: newKey.toString("base64"),
      APP_ENCRYPTION_KEY_PREVIOUS: oldKey.toString("base64"),
    }).finally(() => (rotating = false));
    const load = Promise.all(
      rows.map(async (row) => {
        const texts = [await run(row.slug)];
        while (rotating) texts.push(await run(row.slug));
        texts.push(await run(row.slug));
        return texts;
      }),
    );
    let lastSaved = "sk-live-1-secret";
    const saving = (async () => {
      for (let round = 0; rotating; round += 1) {
        lastSaved = `sk-saved-during-window-${round}`;
        await updateConfiguration({ db, actor: SYSTEM_ACTOR, key: "live-1", input: { apiKey: lastSaved } });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const result = await rotation;
    await saving;
    expect(result.output).toMatch(
      /verified: every stored secret is under key [0-9a-f]{8}\. You can now remove APP_ENCRYPTION_KEY_PREVIOUS/,
    );
    expect(result.code).toBe(0);
    const texts = (await load).flat();
    expect(texts.length).toBeGreaterThan(rows.length * 2);
    for (const text of texts) {
      expect(text).toContain('"type":"done"');
      expect(text).not.toContain('"type":"error"');
    }
    // The header values reached the provider, decrypted.
    for (const tag of ["live-0", "live-1", "live-2", "live-3"])
      expect(simulator.requests().some((request) => request.tag === tag && request.completed)).toBe(true);

    // A lagging instance (still APP_ENCRYPTION_KEY=old) saves a key: verification names it, and a new run fixes it.
    await updateConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      key: "live-2",
      ring: before,
      input: { apiKey: "sk-saved-by-lagging-instance" },
    });
    expect(await secretsNotUnder({ db, key: newKey })).toEqual({ [keyId(oldKey)]: 1 });
    expect(
      (
        await rotateCommand({
          APP_ENCRYPTION_KEY: newKey.toString("base64"),
          APP_ENCRYPTION_KEY_PREVIOUS: oldKey.toString("base64"),
        })
      ).code,
    ).toBe(0);
    expect(await secretsNotUnder({ db, key: newKey })).toEqual({});

    // "Restart" with only the new key: everything opens, nothing was lost.
    expect(lastSaved).not.toBe("sk-live-1-secret");
    const expected = ["sk-live-0-secret", lastSaved, "sk-saved-by-lagging-instance", "sk-live-3-secret"];
    for (const [index, row] of rows.entries()) {
      const stored = await getConfigurationByKey({ db, key: row.id });
      expect(sealedKeyId(stored.apiKeyEncrypted ?? "")).toBe(keyId(newKey));
      expect(stored.apiKeyEncrypted?.startsWith("v2:")).toBe(true);
      expect(openApiKey(stored, after)).toBe(expected[index]);
      expect(openExtraHeaders(stored, after)).toEqual({
        "X-Simulator-Tag": `live-${index}`,
        "X-Auth": `auth-${index}-SECRET`,
      });
      for (const header of storedHeaders(stored)) expect(() => open(header.sealed, before, "")).toThrow();
    }
    const audit = await db.auditLog.findMany({ where: { action: "configuration.rotate_keys" } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toMatch(/sk-|SECRET/);
  });
});
