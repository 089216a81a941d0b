import { beforeAll, describe, expect, it } from "vitest";
import { seal } from "@/lib/crypto/secret-box";
import type { Actor } from "@/lib/db/actor";
import type { Database } from "@/lib/db/client";
import { cloneConfiguration } from "@/lib/db/configuration-clone";
import { storedHeaders, openApiKey, openExtraHeaders } from "@/lib/crypto/configuration-secrets";
import { createConfiguration, getConfigurationByKey, updateConfiguration } from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";

// H1: extra-header values are secrets, sealed and write-only like the API key.
const actor: Actor = { userId: null, tokenId: null, label: "integration-test", role: "admin" };
const HEADERS = {
  "Ocp-Apim-Subscription-Key": "apim-SECRET-5678",
  "X-Auth": "xauth-SECRET-9999",
  "Authorization-Proxy": "proxy-SECRET-0000",
  "X-Team": "red",
};

const migrated = migratedDatabasePerFile();
let db: Database;

beforeAll(() => {
  db = migrated.db();
});

async function dump(): Promise<string> {
  const rows = await db.$queryRawUnsafe<Array<{ dump: string }>>(
    "SELECT (SELECT json_agg(c)::text FROM llm_manager_configurations c) || (SELECT json_agg(a)::text FROM audit_logs a) AS dump",
  );
  return rows[0]?.dump ?? "";
}

describe("extra headers at rest", () => {
  it("seals every value whatever the header is called; none is in the table, the audit log or a view", async () => {
    const created = await createConfiguration({
      db,
      actor,
      input: {
        name: "Echo proxy",
        provider: "custom",
        model: "m",
        baseUrl: "http://127.0.0.1:9/v1",
        apiKey: "sk-live-SECRETKEY-openai-1234",
        extraHeaders: HEADERS,
      },
    });
    const text = await dump();
    for (const value of Object.values(HEADERS)) expect(text).not.toContain(value);
    expect(storedHeaders(created).every((header) => header.sealed.startsWith("v2:"))).toBe(true);
    expect(openExtraHeaders(created)).toEqual(HEADERS);
    for (const forAdmin of [true, false]) {
      const view = JSON.stringify(toPublicConfiguration(created, { forAdmin }));
      for (const value of Object.values(HEADERS)) expect(view).not.toContain(value);
    }
    expect(toPublicConfiguration(created).extraHeaders.map((header) => Object.keys(header))).toEqual([
      ["name"],
      ["name"],
      ["name"],
      ["name"],
    ]);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "configuration.create", entityId: String(created.id) },
    });
    expect(audit.changes).toMatchObject({ extraHeaders: { from: null, to: { "X-Auth": "(set)", "X-Team": "(set)" } } });
  });

  it("keeps, replaces and removes values one by one, audited with markers only", async () => {
    const created = await createConfiguration({
      db,
      actor,
      input: {
        name: "Editable",
        provider: "custom",
        model: "m",
        baseUrl: "http://127.0.0.1:9/v1",
        extraHeaders: { "X-Auth": "first-SECRET-1111", "X-Team": "red", "X-Gone": "gone-SECRET-2222" },
      },
    });
    // Not mentioned: all kept.
    const renamed = await updateConfiguration({ db, actor, key: created.id, input: { name: "Edited" } });
    expect(openExtraHeaders(renamed)).toEqual({
      "X-Auth": "first-SECRET-1111",
      "X-Team": "red",
      "X-Gone": "gone-SECRET-2222",
    });
    const edited = await updateConfiguration({
      db,
      actor,
      key: created.id,
      input: { extraHeaders: { "x-auth": { keep: true }, "X-Team": "blue", "X-New": "new-SECRET-3333" } },
    });
    expect(openExtraHeaders(edited)).toEqual({
      "x-auth": "first-SECRET-1111",
      "X-Team": "blue",
      "X-New": "new-SECRET-3333",
    });
    const entry = await db.auditLog.findFirstOrThrow({
      where: {
        action: "configuration.update",
        entityId: String(created.id),
        changes: { path: ["extraHeaders"], not: "null" },
      },
      orderBy: { id: "desc" },
    });
    expect(entry.changes).toEqual({
      extraHeaders: {
        from: { "X-Auth": "(set)", "X-Team": "(set)", "X-Gone": "(set)" },
        to: { "x-auth": "(kept)", "X-Team": "(replaced)", "X-New": "(added)" },
      },
    });
    expect(await dump()).not.toMatch(/SECRET-(1111|2222|3333)/);
  });

  it("refuses to keep a value that is not saved, naming the header", async () => {
    const created = await createConfiguration({
      db,
      actor,
      input: { name: "Nothing saved", provider: "ollama", model: "m" },
    });
    const error = await updateConfiguration({
      db,
      actor,
      key: created.id,
      input: { extraHeaders: { "X-Missing": { keep: true } } },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid_params", issues: [{ path: "extraHeaders.X-Missing" }] });
  });

  it("copies header values and the key to a clone on the server, re-sealed for the new row", async () => {
    const source = await createConfiguration({
      db,
      actor,
      input: {
        name: "Source",
        provider: "custom",
        model: "m",
        baseUrl: "http://127.0.0.1:9/v1",
        apiKey: "sk-source-SECRET-4444",
        extraHeaders: { "X-Auth": "clone-SECRET-5555", "X-Team": "red" },
      },
    });
    const copy = await cloneConfiguration({
      db,
      actor,
      key: source.id,
      input: { extraHeaders: { "X-Auth": { keep: true }, "X-Team": "green" } },
    });
    expect(openApiKey(copy)).toBe("sk-source-SECRET-4444");
    expect(openExtraHeaders(copy)).toEqual({ "X-Auth": "clone-SECRET-5555", "X-Team": "green" });
    expect(storedHeaders(copy)[0]?.sealed).not.toBe(storedHeaders(source)[0]?.sealed);
    const all = await cloneConfiguration({ db, actor, key: source.id, input: {} });
    expect(openExtraHeaders(all)).toEqual({ "X-Auth": "clone-SECRET-5555", "X-Team": "red" });
  });

  it("binds each ciphertext to its row and field: swapped in the database, it no longer opens (L6, AAD)", async () => {
    const first = await createConfiguration({
      db,
      actor,
      input: {
        name: "Swap A",
        provider: "openai",
        model: "m",
        apiKey: "sk-A-SECRET-6666",
        extraHeaders: { "X-Auth": "a-SECRET-7777" },
      },
    });
    const second = await createConfiguration({
      db,
      actor,
      input: { name: "Swap B", provider: "openai", model: "m", apiKey: "sk-B-SECRET-8888" },
    });
    await db.configuration.update({ where: { id: second.id }, data: { apiKeyEncrypted: first.apiKeyEncrypted } });
    expect(() => openApiKey({ id: second.id, apiKeyEncrypted: first.apiKeyEncrypted })).toThrow();
    // A header value moved into the key column does not open either.
    const headerSealed = storedHeaders(first)[0]?.sealed ?? "";
    expect(() => openApiKey({ id: first.id, apiKeyEncrypted: headerSealed })).toThrow();
    // The same plaintext sealed for its own row opens.
    const own = seal("sk-A-SECRET-6666", serverEnv().encryptionKeys.current, `configuration:${second.id}:apiKey`);
    expect(openApiKey({ id: second.id, apiKeyEncrypted: own })).toBe("sk-A-SECRET-6666");
    expect((await getConfigurationByKey({ db, key: first.id })).apiKeyEncrypted).toBe(first.apiKeyEncrypted);
  });
});
