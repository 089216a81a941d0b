import { beforeAll, describe, expect, it } from "vitest";
import { abortInterruptedRuns } from "@/lib/boot/interrupted-runs";
import type { Database } from "@/lib/db/client";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";

const migrated = migratedDatabasePerFile();
let db: Database;

beforeAll(() => {
  db = migrated.db();
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
