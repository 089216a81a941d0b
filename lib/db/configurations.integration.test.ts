import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/db/actor";
import type { Database } from "@/lib/db/client";
import {
  createConfiguration,
  deactivateConfiguration,
  deleteConfiguration,
  findConfigurationByKey,
  getConfigurationByKey,
  listConfigurations,
  updateConfiguration,
} from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";
import { AppError } from "@/lib/errors";
import { redactAuditChanges } from "@/lib/db/audit-redaction";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { openApiKey } from "@/lib/crypto/configuration-secrets";
import { configurationCreateSchema } from "@/lib/validation/configuration";

const actor: Actor = { userId: null, tokenId: null, label: "integration-test", role: "admin" };
const SECRET = "sk-proj-VERYSECRET-abcdef123456-9z9z";

const migrated = migratedDatabasePerFile();
let db: Database;

beforeAll(() => {
  db = migrated.db();
});

async function expectAppError(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  if (pattern) expect(appError.message).toMatch(pattern);
  return appError;
}

describe("configuration data access", () => {
  it("creates with a generated slug, seals the key and never exposes it", async () => {
    const created = await createConfiguration({
      db,
      actor,
      input: {
        name: "Team OpenAI",
        provider: "openai",
        model: "gpt-4o-mini",
        apiKey: SECRET,
        defaultParams: { temperature: 0.3 },
      },
    });
    expect(created.slug).toBe("team-openai");
    expect(created.apiKeyEncrypted?.startsWith("v2:")).toBe(true);
    expect(created.apiKeyLastFour).toBe("9z9z");
    expect(openApiKey(created)).toBe(SECRET);

    const publicView = toPublicConfiguration(created, { forAdmin: true });
    expect(JSON.stringify(publicView)).not.toContain(SECRET);
    expect(publicView).toMatchObject({ hasApiKey: true, apiKeyLastFour: "9z9z", defaultParams: { temperature: 0.3 } });
    // A viewer learns only that a key is set.
    expect(toPublicConfiguration(created)).toMatchObject({ hasApiKey: true, apiKeyLastFour: null });
    expect(publicView).not.toHaveProperty("apiKeyEncrypted");

    // Every extra-header value is a secret: admins see names, "set" and the end of long values, viewers names only.
    const proxied = await createConfiguration({
      db,
      actor,
      input: {
        name: "Proxy",
        provider: "custom",
        model: "m",
        baseUrl: "https://proxy.example/v1",
        extraHeaders: { "X-Api-Key": "proxy-secret-7788", "X-Team": "qa" },
      },
    });
    expect(toPublicConfiguration(proxied).extraHeaders).toEqual([{ name: "X-Api-Key" }, { name: "X-Team" }]);
    expect(toPublicConfiguration(proxied, { forAdmin: true }).extraHeaders).toEqual([
      { name: "X-Api-Key", hasValue: true, lastFour: "7788" },
      { name: "X-Team", hasValue: true, lastFour: null },
    ]);
    // The audit log keeps markers only, and entries stored before that are shown with markers.
    const proxiedAudit = await db.auditLog.findFirstOrThrow({
      where: { entityType: "configuration", entityId: String(proxied.id) },
    });
    expect(JSON.stringify(proxiedAudit.changes)).not.toContain("proxy-secret");
    expect(
      redactAuditChanges({
        extraHeaders: { from: null, to: { Authorization: "Bearer old-secret-9999", "X-Team": "(added)" } },
      }),
    ).toEqual({ extraHeaders: { from: null, to: { Authorization: "(set)", "X-Team": "(added)" } } });

    // Nowhere in the database, not in the row, not in the audit log.
    const dump = await db.$queryRawUnsafe<Array<{ dump: string }>>(
      "SELECT (SELECT json_agg(c)::text FROM llm_manager_configurations c) || (SELECT json_agg(a)::text FROM audit_logs a) AS dump",
    );
    expect(dump[0]?.dump).toContain("team-openai");
    expect(dump[0]?.dump).not.toContain("VERYSECRET");
    expect(dump[0]?.dump).not.toContain("proxy-secret");
  });

  it("finds by numeric id first, then by slug, and hides inactive ones when asked", async () => {
    const created = await createConfiguration({
      db,
      actor,
      input: { name: "Local Llama", slug: "local-llama", provider: "local", model: "llama3" },
    });
    expect((await findConfigurationByKey({ db, key: created.id }))?.slug).toBe("local-llama");
    expect((await findConfigurationByKey({ db, key: String(created.id) }))?.slug).toBe("local-llama");
    expect((await findConfigurationByKey({ db, key: "LOCAL-LLAMA" }))?.id).toBe(created.id);

    // A slug that looks like another row's id: the id wins, the slug still works when no id matches.
    const numericSlug = await createConfiguration({
      db,
      actor,
      input: { name: "Numeric", slug: "999999", provider: "ollama", model: "qwen3" },
    });
    expect((await findConfigurationByKey({ db, key: "999999" }))?.id).toBe(numericSlug.id);
    expect((await findConfigurationByKey({ db, key: String(numericSlug.id) }))?.id).toBe(numericSlug.id);

    expect((await deactivateConfiguration({ db, actor, key: "local-llama" })).active).toBe(false);
    expect(await findConfigurationByKey({ db, key: created.id, activeOnly: true })).toBeNull();
    expect(await findConfigurationByKey({ db, key: "local-llama", activeOnly: true })).toBeNull();
    await expectAppError(
      getConfigurationByKey({ db, key: "local-llama", activeOnly: true }),
      "not_found",
      /No active configuration/,
    );
    // Keys from a URL path may hold what PostgreSQL cannot take: simply not found.
    expect(await findConfigurationByKey({ db, key: "a\u0000b" })).toBeNull();
    expect(await findConfigurationByKey({ db, key: "\ud800" })).toBeNull();
    expect((await listConfigurations({ db })).map((row) => row.slug)).not.toContain("local-llama");
    expect((await listConfigurations({ db, includeInactive: true })).map((row) => row.slug)).toContain("local-llama");
  });

  it("refuses a slug clash with a clear message, on create and on update", async () => {
    await createConfiguration({
      db,
      actor,
      input: { name: "First", slug: "shared-slug", provider: "anthropic", model: "claude" },
    });
    const onCreate = await expectAppError(
      createConfiguration({
        db,
        actor,
        input: { name: "Second", slug: "shared-slug", provider: "openai", model: "m" },
      }),
      "invalid_params",
      /"shared-slug" is already used by "First"/,
    );
    expect(onCreate.issues?.[0]?.path).toBe("slug");
    const other = await createConfiguration({ db, actor, input: { name: "Other", provider: "openai", model: "m" } });
    await expectAppError(
      updateConfiguration({ db, actor, key: other.id, input: { slug: "shared-slug" } }),
      "invalid_params",
      /already used/,
    );
    // Two configurations with the same name get distinct generated slugs.
    const twin = await createConfiguration({ db, actor, input: { name: "Other", provider: "openai", model: "m" } });
    expect(twin.slug).toBe("other-2");
  });

  it("validates with field-level issues and checks rules across fields on the merged result", async () => {
    // The route parses with the schema before lib/db sees the input.
    const invalid = configurationCreateSchema.safeParse({
      name: "x",
      provider: "nope",
      model: "m",
      totalTimeoutMs: -1,
    });
    expect(invalid.error?.issues.map((issue) => issue.path.join(".")).sort()).toEqual(["provider", "totalTimeoutMs"]);
    await expectAppError(
      createConfiguration({ db, actor, input: { name: "Proxy", provider: "custom", model: "m" } }),
      "invalid_params",
      /base URL/,
    );
    const openai = await createConfiguration({
      db,
      actor,
      input: { name: "Switcher", provider: "openai", model: "m" },
    });
    await expectAppError(
      updateConfiguration({ db, actor, key: openai.id, input: { provider: "custom" } }),
      "invalid_params",
      /base URL/,
    );
    await expectAppError(
      updateConfiguration({ db, actor, key: openai.id, input: { firstTokenTimeoutMs: 900_000 } }),
      "invalid_params",
      /first-token timeout/,
    );
  });

  it("keeps the key when apiKey is absent, replaces it when given, removes it on null — audited without secrets", async () => {
    const created = await createConfiguration({
      db,
      actor,
      input: { name: "Keyed", provider: "openrouter", model: "x/y", apiKey: "sk-or-first-key-1111" },
    });
    const renamed = await updateConfiguration({ db, actor, key: created.slug, input: { name: "Keyed renamed" } });
    expect(openApiKey(renamed)).toBe("sk-or-first-key-1111");
    const replaced = await updateConfiguration({
      db,
      actor,
      key: created.id,
      input: { apiKey: "sk-or-second-key-2222" },
    });
    expect(openApiKey(replaced)).toBe("sk-or-second-key-2222");
    expect(replaced.apiKeyLastFour).toBe("2222");
    const removed = await updateConfiguration({ db, actor, key: created.id, input: { apiKey: null } });
    expect(removed.apiKeyEncrypted).toBeNull();
    expect(removed.apiKeyLastFour).toBeNull();

    const entries = await db.auditLog.findMany({
      where: { entityType: "configuration", entityId: String(created.id) },
      orderBy: { id: "asc" },
    });
    expect(entries.map((entry) => entry.action)).toEqual([
      "configuration.create",
      "configuration.update",
      "configuration.update",
      "configuration.update",
    ]);
    expect(entries[1]?.changes).toEqual({ name: { from: "Keyed", to: "Keyed renamed" } });
    expect(entries[2]?.changes).toEqual({ apiKey: { from: "(set)", to: "(replaced)" } });
    expect(entries[3]?.changes).toEqual({ apiKey: { from: "(set)", to: null } });
    expect(entries.every((entry) => entry.actorLabel === "integration-test")).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/first-key|second-key/);
  });

  it("deletes, keeping conversations that used it, and says 404 for unknown keys", async () => {
    const created = await createConfiguration({
      db,
      actor,
      input: { name: "Doomed", provider: "ollama", model: "llama3" },
    });
    const conversation = await db.conversation.create({
      data: {
        title: "kept",
        configurationId: created.id,
        messages: { create: [{ role: "user", content: "hi", configurationId: created.id }] },
      },
    });
    await deleteConfiguration({ db, actor, key: "doomed" });
    expect(await findConfigurationByKey({ db, key: created.id })).toBeNull();
    const kept = await db.conversation.findUnique({ where: { id: conversation.id }, include: { messages: true } });
    expect(kept?.configurationId).toBeNull();
    expect(kept?.messages).toHaveLength(1);
    await expectAppError(deleteConfiguration({ db, actor, key: "doomed" }), "not_found");
    const audit = await db.auditLog.findFirst({
      where: { action: "configuration.delete", entityId: String(created.id) },
    });
    expect(audit).not.toBeNull();
  });
});
