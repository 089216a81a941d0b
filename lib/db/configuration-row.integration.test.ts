import { afterEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { createConfiguration, findConfigurationByKey } from "@/lib/db/configurations";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";

const migrated = migratedDatabasePerFile();
const zoneBefore = process.env.TZ;

afterEach(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

// The run's lookup reads the row with pg and maps it by hand (configuration-row.ts): it must give
// exactly what Prisma gives, so a column added later cannot go missing silently.
async function expectSameAsPrisma(id: number): Promise<Configuration> {
  const db = migrated.db();
  const fromPrisma = await db.configuration.findUniqueOrThrow({ where: { id } });
  const fromPg = await findConfigurationByKey({ db, key: id });
  if (!fromPg) throw new Error(`configuration ${id} not found through pg`);
  expect(Object.keys(fromPg).sort()).toEqual(Object.keys(fromPrisma).sort());
  for (const field of Object.keys(fromPrisma) as Array<keyof Configuration>) {
    const [mine, theirs] = [fromPg[field], fromPrisma[field]];
    expect({ field, type: Object.prototype.toString.call(mine) }).toEqual({
      field,
      type: Object.prototype.toString.call(theirs),
    });
    expect({ field, value: mine instanceof Date ? mine.getTime() : mine }).toEqual({
      field,
      value: theirs instanceof Date ? theirs.getTime() : theirs,
    });
  }
  return fromPg;
}

describe("a configuration read with pg", () => {
  it("equals Prisma's, field by field, with every column set", async () => {
    const db = migrated.db();
    const created = await createConfiguration({
      db,
      actor: SYSTEM_ACTOR,
      input: {
        name: "Every column",
        provider: "openrouter",
        model: "some/model",
        baseUrl: "https://openrouter.ai/api/v1",
        apiKey: "sk-or-abcdef1234",
        defaultParams: { temperature: 0.25, maxTokens: 512, stop: ["\n\n"] },
        extraHeaders: { "HTTP-Referer": "https://example.com", "X-Title": "é 🚀" },
        firstTokenTimeoutMs: 12_345,
        totalTimeoutMs: 123_456,
        active: false,
      },
    });
    const read = await expectSameAsPrisma(created.id);
    expect(read).toMatchObject({
      provider: "openrouter",
      active: false,
      defaultParams: { temperature: 0.25, maxTokens: 512, stop: ["\n\n"] },
    });
  });

  it("equals Prisma's with the optional columns empty", async () => {
    const created = await createConfiguration({
      db: migrated.db(),
      actor: SYSTEM_ACTOR,
      input: { name: "Bare one", provider: "ollama", model: "llama3" },
    });
    const read = await expectSameAsPrisma(created.id);
    expect(read).toMatchObject({ baseUrl: null, apiKeyEncrypted: null, apiKeyLastFour: null });
  });

  it("reads timestamps as UTC, as Prisma does, whatever the process's time zone", async () => {
    process.env.TZ = "America/Los_Angeles";
    const created = await createConfiguration({
      db: migrated.db(),
      actor: SYSTEM_ACTOR,
      input: { name: "Zoned", provider: "openai", model: "gpt-4o-mini" },
    });
    const read = await expectSameAsPrisma(created.id);
    expect(Math.abs(read.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });
});
