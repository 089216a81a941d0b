import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/db/actor";
import { listAuditEntries } from "@/lib/db/audit-log";
import { createConfiguration } from "@/lib/db/configurations";
import { AppError } from "@/lib/errors";
import { startRecorder, type LoopbackServer } from "@/lib/llm/testing/recording-servers";
import { listModelsForConnection, listProviderModels } from "@/lib/runs/provider-models";
import { testAndRecordConnection } from "@/lib/runs/recorded-connection-test";
import { keepSocketsOnLoopback } from "@/lib/testing/loopback-only";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";

// M4: a stored key goes only to its own configuration's server, and every use of it outside a
// run (model list, keyFrom, connection test) is in the audit log, without the secret.
const migrated = migratedDatabasePerFile();
const admin: Actor = { userId: null, tokenId: null, label: "keys-admin@example.test", role: "admin" };
const viewer: Actor = { userId: null, tokenId: null, label: "keys-viewer@example.test", role: "viewer" };
const SECRET = "sk-live-SECRETKEY-openai-1234";

let own: LoopbackServer;
let foreign: LoopbackServer;
let tripwire: ReturnType<typeof keepSocketsOnLoopback>;

beforeAll(async () => {
  tripwire = keepSocketsOnLoopback();
  own = await startRecorder();
  foreign = await startRecorder();
});

afterEach(() => {
  own.requests.length = 0;
  foreign.requests.length = 0;
});

afterAll(async () => {
  tripwire.restore();
  await Promise.all([own.close(), foreign.close()]);
});

let slugs = 0;
function saved(input: {
  provider?: "openai" | "anthropic";
  baseUrl: string | null;
  apiKey?: string | null;
  extraHeaders?: Record<string, string>;
}) {
  slugs += 1;
  return createConfiguration({
    db: migrated.db(),
    actor: admin,
    input: {
      name: `Keys ${slugs}`,
      slug: `keys-${slugs}`,
      provider: input.provider ?? "openai",
      model: "gpt-4o-mini",
      baseUrl: input.baseUrl,
      apiKey: input.apiKey === undefined ? SECRET : input.apiKey,
      extraHeaders: input.extraHeaders ?? {},
    },
  });
}

async function keyUses(configurationId: number) {
  const { entries } = await listAuditEntries({
    db: migrated.db(),
    entityType: "configuration",
    entityId: String(configurationId),
    action: "configuration.key_used",
  });
  return entries;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("keyFrom", () => {
  it("refuses a stored key towards another server with 400, and nothing reaches it (the review's reproduction)", async () => {
    const configuration = await saved({ baseUrl: `${own.origin}/v1` });
    for (const baseUrl of [
      `${foreign.origin}/v1`,
      `http://localhost:${own.port}/v1`,
      `https://127.0.0.1:${own.port}/v1`,
    ]) {
      const error = await refusal(
        listModelsForConnection({ provider: "openai", baseUrl, keyFrom: configuration.slug }, admin),
      );
      expect(error.status, baseUrl).toBe(400);
      expect(error.message).toContain(`is only sent to its own server (${own.origin})`);
      expect(error.message).toContain("type the key again to use another server");
    }
    // The provider's default counts as the stored configuration's origin.
    const defaulted = await saved({ baseUrl: null });
    expect(
      (
        await refusal(
          listModelsForConnection(
            { provider: "openai", baseUrl: `${foreign.origin}/v1`, keyFrom: defaulted.id },
            admin,
          ),
        )
      ).message,
    ).toContain("(https://api.openai.com)");
    expect(foreign.requests).toEqual([]);
    expect(own.requests).toEqual([]);
    expect(await keyUses(configuration.id)).toEqual([]);
  });

  it("sends the stored key to the same origin (any path, normalised), and audits that use without the secret", async () => {
    const configuration = await saved({ baseUrl: `${own.origin}/v1` });
    const listed = await listModelsForConnection(
      { provider: "openai", baseUrl: `HTTP://127.0.0.1:${own.port}/proxy/v1/`, keyFrom: configuration.id },
      admin,
    );
    expect(listed).toMatchObject({ error: null, models: [{ id: "INTERNAL-ONLY" }] });
    expect(own.requests.map((request) => [request.url, request.headers.authorization])).toEqual([
      ["/proxy/v1/models", `Bearer ${SECRET}`],
    ]);

    const [entry, ...others] = await keyUses(configuration.id);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      action: "configuration.key_used",
      actorLabel: admin.label,
      changes: {
        target: { from: null, to: `127.0.0.1:${own.port}` },
        purpose: { from: null, to: "model list (keyFrom)" },
      },
    });
    expect(JSON.stringify(entry)).not.toContain(SECRET.slice(-8));
  });

  it("with a typed key, no stored key is used and nothing is audited", async () => {
    const configuration = await saved({ baseUrl: `${own.origin}/v1` });
    await listModelsForConnection(
      { provider: "openai", baseUrl: `${foreign.origin}/v1`, apiKey: "sk-typed-again-5678", keyFrom: configuration.id },
      admin,
    );
    expect(foreign.requests.map((request) => request.headers.authorization)).toEqual(["Bearer sk-typed-again-5678"]);
    expect(await keyUses(configuration.id)).toEqual([]);
  });
});

describe("uses of a saved configuration's key outside a run", () => {
  it("audits the model list and the connection test, naming who and which server", async () => {
    const configuration = await saved({ baseUrl: `${own.origin}/v1` });
    await listProviderModels(configuration, viewer);
    await testAndRecordConnection({ configuration, actor: admin });
    expect(own.requests.every((request) => request.headers.authorization === `Bearer ${SECRET}`)).toBe(true);

    const uses = await keyUses(configuration.id);
    expect(uses.map((entry) => [entry.actorLabel, entry.changes])).toEqual([
      [
        admin.label,
        { target: { from: null, to: `127.0.0.1:${own.port}` }, purpose: { from: null, to: "connection test" } },
      ],
      [
        viewer.label,
        { target: { from: null, to: `127.0.0.1:${own.port}` }, purpose: { from: null, to: "model list" } },
      ],
    ]);
  });

  it("audits stored header values as well, and nothing when no secret is stored", async () => {
    const withHeader = await saved({
      baseUrl: `${own.origin}/v1`,
      apiKey: null,
      extraHeaders: { "Ocp-Apim-Subscription-Key": "apim-SECRET-5678" },
    });
    await listProviderModels(withHeader, viewer);
    expect(await keyUses(withHeader.id)).toHaveLength(1);

    const keyless = await saved({ baseUrl: `${own.origin}/v1`, apiKey: null });
    await listProviderModels(keyless, viewer);
    expect(await keyUses(keyless.id)).toEqual([]);
  });
});
