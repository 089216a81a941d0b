import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { abortInterruptedRuns } from "@/lib/boot/interrupted-runs";
import { createDatabase, database, type Database } from "@/lib/db/client";
import { useAppEnv } from "@/lib/testing/app-env";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";

let testDatabase: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDatabase = await createTestDatabase({ migrate: true });
  useAppEnv(testDatabase.url);
  db = createDatabase(testDatabase.url);
});

afterAll(async () => {
  await db.$disconnect();
  await database().$disconnect();
  await testDatabase.drop();
});

describe("a restart", () => {
  it("marks replies left streaming as aborted, keeping their text, and touches nothing else", async () => {
    const conversation = await db.conversation.create({
      data: {
        title: "interrupted",
        messages: {
          create: [
            { role: "user", content: "question", status: "complete" },
            { role: "assistant", content: "half an ans", status: "streaming" },
            { role: "assistant", content: "a full answer", status: "complete", completionTokens: 3 },
          ],
        },
      },
    });
    expect(await abortInterruptedRuns()).toBe(1);
    const messages = await db.message.findMany({ where: { conversationId: conversation.id }, orderBy: { id: "asc" } });
    expect(messages.map((message) => [message.status, message.content])).toEqual([
      ["complete", "question"],
      ["aborted", "half an ans"],
      ["complete", "a full answer"],
    ]);
    expect(messages[1]?.errorCode).toBe("server_restarted");
    expect(messages[1]?.completionTokens).toBeNull();
    expect(await abortInterruptedRuns()).toBe(0);
  });
});
