// Data access behind the dashboard and the configuration screens, on a real PostgreSQL: stored
// connection tests (written by a real test against the simulator), runs today, dependents, clone.
import { beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/lib/simulator/server";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import type { Database } from "@/lib/db/client";
import { cloneConfiguration } from "@/lib/db/configuration-clone";
import { countConfigurationDependentsByKey, countRunsByConfigurationSince } from "@/lib/db/configuration-usage";
import { createConfiguration, deleteConfiguration } from "@/lib/db/configurations";
import { createConnectionTest, listLatestConnectionTestsByConfiguration } from "@/lib/db/connection-tests";
import { startPromptRun } from "@/lib/db/conversations";
import { listDashboardConfigurations } from "@/lib/views/dashboard";
import { AppError } from "@/lib/errors";
import { testAndRecordConnection } from "@/lib/runs/recorded-connection-test";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { newRunId } from "@/lib/runs/run-id";
import { openApiKey, openExtraHeaders } from "@/lib/crypto/configuration-secrets";
import { configurationUpdateSchema } from "@/lib/validation/configuration";

const migrated = migratedDatabasePerFile();
let db: Database;

beforeAll(() => {
  db = migrated.db();
});

const failed = {
  streams: false,
  firstTokenLatencyMs: null,
  error: { code: "auth_failed", message: "The key was refused." },
};

describe("configuration screens' data", () => {
  it("keeps every connection test and finds the newest of each configuration", async () => {
    const first = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: "Tested A", provider: "local", model: "m" },
    });
    const second = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: "Tested B", provider: "local", model: "m" },
    });
    const untested = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: "Untested", provider: "local", model: "m" },
    });
    await createConnectionTest({ db, configurationId: first.id, report: failed });
    await createConnectionTest({
      db,
      configurationId: first.id,
      report: { streams: true, firstTokenLatencyMs: 42, error: null },
    });
    await createConnectionTest({ db, configurationId: second.id, report: failed });

    const latest = await listLatestConnectionTestsByConfiguration({
      db,
      configurationIds: [first.id, second.id, untested.id],
    });
    expect(latest.get(first.id)).toMatchObject({ ok: true, firstTokenLatencyMs: 42, errorCode: null });
    expect(latest.get(second.id)).toMatchObject({
      ok: false,
      errorCode: "auth_failed",
      errorMessage: "The key was refused.",
    });
    expect(latest.has(untested.id)).toBe(false);
    expect((await listLatestConnectionTestsByConfiguration({ db, configurationIds: [] })).size).toBe(0);
  });

  it("records a real connection test against the simulator, and the dashboard shows it", async () => {
    const simulator = await startSimulator({ port: 0 });
    try {
      const configuration = await createConfiguration({
        db,
        actor: SYSTEM_ACTOR,
        input: {
          name: "Simulated",
          provider: "openai",
          model: "gpt-4o-mini",
          baseUrl: `${simulator.url}/openai/v1`,
          apiKey: "sk-integration-0001",
        },
      });
      const { report, lastTest } = await testAndRecordConnection({ configuration, actor: SYSTEM_ACTOR });
      expect(report).toMatchObject({ streams: true, error: null });
      expect(lastTest).toMatchObject({ ok: true });
      expect(lastTest.firstTokenLatencyMs).toBe(report.firstTokenLatencyMs);

      const card = (await listDashboardConfigurations({ db, runsVisibleTo: SYSTEM_ACTOR })).find(
        (row) => row.id === configuration.id,
      );
      expect(card?.lastTest).toEqual(lastTest);
      expect(JSON.stringify(card)).not.toContain("sk-integration");
    } finally {
      await simulator.close();
    }
  });

  it("counts today's assistant replies per configuration, not user turns nor earlier days", async () => {
    const configuration = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: "Busy", provider: "local", model: "m" },
    });
    const before = await countRunsByConfigurationSince({
      db,
      since: new Date(Date.now() - 60_000),
      visibleTo: SYSTEM_ACTOR,
    });
    const turn = await startPromptRun({
      db,
      configuration,
      prompt: "hello",
      params: {},
      userId: null,
      runId: newRunId(),
    });
    await startPromptRun({ db, configuration, prompt: "again", params: {}, userId: null, runId: newRunId() });
    // A reply from yesterday does not count.
    await db.message.update({
      where: { id: turn.assistantMessage.id },
      data: { createdAt: new Date(Date.now() - 86_400_000) },
    });
    const after = await countRunsByConfigurationSince({
      db,
      since: new Date(Date.now() - 60_000),
      visibleTo: SYSTEM_ACTOR,
    });
    expect(before.get(configuration.id)).toBeUndefined();
    expect(after.get(configuration.id)).toBe(1);
    expect(
      (
        await listDashboardConfigurations({ db, since: new Date(Date.now() - 60_000), runsVisibleTo: SYSTEM_ACTOR })
      ).find((row) => row.id === configuration.id)?.runsToday,
    ).toBe(1);
  });

  it("names a configuration's dependents; deleting it keeps them, unlinked, and drops its tests", async () => {
    const configuration = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: "Doomed", provider: "local", model: "m" },
    });
    const turn = await startPromptRun({
      db,
      configuration,
      prompt: "hello",
      params: {},
      userId: null,
      runId: newRunId(),
    });
    await createConnectionTest({ db, configurationId: configuration.id, report: failed });
    expect(await countConfigurationDependentsByKey({ db, key: configuration.slug })).toEqual({
      id: configuration.id,
      slug: "doomed",
      name: "Doomed",
      conversations: 1,
      messages: 2,
    });

    await deleteConfiguration({ db, actor: SYSTEM_ACTOR, key: configuration.id });
    const conversation = await db.conversation.findUniqueOrThrow({
      where: { id: turn.conversationId },
      include: { messages: true },
    });
    expect(conversation.configurationId).toBeNull();
    expect(conversation.messages.map((message) => message.content)).toContain("hello");
    expect(await db.connectionTest.count({ where: { configurationId: configuration.id } })).toBe(0);
    await expect(countConfigurationDependentsByKey({ db, key: configuration.id })).rejects.toBeInstanceOf(AppError);
  });

  it("clones with a new slug, copying the key on the server unless told otherwise", async () => {
    const source = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: {
        name: "Original",
        provider: "openai",
        model: "gpt-4o",
        apiKey: "sk-clone-source-9876",
        defaultParams: { temperature: 0.2 },
        extraHeaders: { "X-Team": "qa" },
        active: false,
      },
    });
    const copy = await cloneConfiguration({ db, actor: SYSTEM_ACTOR, key: source.id, input: {} });
    expect(copy).toMatchObject({
      name: "Original (copy)",
      slug: "original-copy",
      provider: "openai",
      model: "gpt-4o",
      active: false,
      apiKeyLastFour: "9876",
    });
    expect(copy.id).not.toBe(source.id);
    expect(openApiKey(copy)).toBe("sk-clone-source-9876");
    expect(copy.defaultParams).toEqual({ temperature: 0.2 });
    expect(openExtraHeaders(copy)).toEqual({ "X-Team": "qa" });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityType: "configuration", entityId: String(copy.id), action: "configuration.create" },
    });
    expect(audit.changes).toMatchObject({ clonedFrom: { from: null, to: source.id } });
    expect(JSON.stringify(audit.changes)).not.toContain("sk-clone-source");

    const keyless = await cloneConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      key: source.slug,
      input: { name: "Keyless", slug: "keyless-copy", apiKey: null, model: "gpt-4o-mini", active: true },
    });
    expect(keyless).toMatchObject({ slug: "keyless-copy", model: "gpt-4o-mini", apiKeyEncrypted: null, active: true });

    await expect(
      cloneConfiguration({ db, actor: SYSTEM_ACTOR, key: source.id, input: { slug: "keyless-copy" } }),
    ).rejects.toMatchObject({ code: "invalid_params" });
    // Unknown fields are refused by the route's parse, before lib/db.
    expect(configurationUpdateSchema.safeParse({ temperature: 1 }).success).toBe(false);
    await expect(
      cloneConfiguration({ db, actor: SYSTEM_ACTOR, key: "no-such-thing", input: {} }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
