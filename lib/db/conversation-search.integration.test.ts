import { beforeAll, describe, expect, it } from "vitest";
import { poolOf } from "@/lib/db/client";
import {
  CONVERSATIONS_MATCHING_SQL,
  containsPattern,
  conversationIdsMatching,
  searchSettings,
} from "@/lib/db/conversation-search";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { listConversations } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { fillSearchCorpus } from "@/lib/testing/search-corpus";

const testDatabase = migratedDatabasePerFile();
const TRIGRAM_INDEXES = ["conversations_title_trgm_idx", "messages_content_trgm_idx"];

type PlanNode = { "Node Type": string; "Index Name"?: string; Plans?: PlanNode[] };

function indexScans(node: PlanNode): string[] {
  const own = node["Node Type"] === "Bitmap Index Scan" && node["Index Name"] ? [node["Index Name"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap(indexScans)];
}

let planted: { titleMatch: number; textMatch: number; caseMatch: number; literal: number };

beforeAll(async () => {
  const db = testDatabase.db();
  const client = await poolOf(db).connect();
  try {
    // The corpus goes in without the trigram indexes (faster), which are then built as the migration builds them.
    const { rows } = await client.query<{ indexdef: string; indexname: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY($1)",
      [TRIGRAM_INDEXES],
    );
    expect(rows.map((row) => row.indexname).sort()).toEqual(TRIGRAM_INDEXES);
    for (const row of rows) await client.query(`DROP INDEX "${row.indexname}"`);
    await fillSearchCorpus(client, { conversations: 300, messagesPerConversation: 8, wordsPerMessage: 150 });
    const conversation = async (title: string, contents: string[]) => {
      const created = await db.conversation.create({
        data: { title, messages: { create: contents.map((content) => ({ role: "user" as const, content })) } },
      });
      return created.id;
    };
    planted = {
      titleMatch: await conversation("Quarterly Kumquat review", ["nothing to see"]),
      textMatch: await conversation("Harvest notes", ["an ordinary line", "and then the KUMQUAT harvest began"]),
      caseMatch: await conversation("Recipes", ["kumquats, candied"]),
      literal: await conversation("Sale", ["everything 50%_off today"]),
    };
    for (const row of rows) await client.query(row.indexdef);
    await client.query("ANALYZE conversations");
    await client.query("ANALYZE messages");
  } finally {
    client.release();
  }
}, 180_000);

async function planFor(search: string): Promise<string[]> {
  const client = await poolOf(testDatabase.db()).connect();
  try {
    await client.query("BEGIN");
    for (const setting of searchSettings(search)) await client.query(setting);
    const { rows } = await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${CONVERSATIONS_MATCHING_SQL}`,
      [containsPattern(search), 10_001],
    );
    await client.query("ROLLBACK");
    const plan = rows[0]?.["QUERY PLAN"][0]?.Plan;
    if (!plan) throw new Error("EXPLAIN returned no plan");
    return indexScans(plan);
  } finally {
    client.release();
  }
}

describe("conversation search", () => {
  it("reads both trigram indexes for a realistic search", async () => {
    expect((await planFor("kumquat")).sort()).toEqual(TRIGRAM_INDEXES);
    expect((await planFor("harvest notes")).sort()).toEqual(TRIGRAM_INDEXES);
  });

  it("finds what the unindexed ILIKE found: title and text, any case", async () => {
    const db = testDatabase.db();
    for (const search of ["kumquat", "KUMQUAT harvest", "Conversation 12 ", "nothing"]) {
      // What listConversations asked Prisma for before (an OR with a correlated EXISTS).
      const before = await db.conversation.findMany({
        where: {
          OR: [
            { title: { contains: search, mode: "insensitive" } },
            { messages: { some: { content: { contains: search, mode: "insensitive" } } } },
          ],
        },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      const after = await listConversations({
        db,
        filters: { search, page: 1, pageSize: 100 },
        visibleTo: SYSTEM_ACTOR,
      });
      expect(
        after.conversations.map((row) => row.id).sort((a, b) => a - b),
        search,
      ).toEqual(before.map((row) => row.id));
      expect(after.total, search).toBe(before.length);
    }
    const kumquat = await listConversations({
      db,
      filters: { search: "kumquat", page: 1, pageSize: 100 },
      visibleTo: SYSTEM_ACTOR,
    });
    expect(kumquat.conversations.map((row) => row.id).sort((a, b) => a - b)).toEqual([
      planted.titleMatch,
      planted.textMatch,
      planted.caseMatch,
    ]);
  });

  it("matches % and _ as themselves", async () => {
    expect(await conversationIdsMatching({ db: testDatabase.db(), search: "50%_off" })).toEqual([planted.literal]);
    expect(await conversationIdsMatching({ db: testDatabase.db(), search: "0%_o" })).toEqual([planted.literal]);
    expect(await conversationIdsMatching({ db: testDatabase.db(), search: "5_%" })).toEqual([]);
  });

  it("stops a search that runs too long, and refuses one that matches too much, each saying what to do", async () => {
    const slow = await conversationIdsMatching({ db: testDatabase.db(), search: "e", timeoutMs: 1 }).catch(
      (error: unknown) => error,
    );
    expect(slow).toBeInstanceOf(AppError);
    expect(slow).toMatchObject({ code: "search_timeout", status: 503 });
    expect((slow as AppError).message).toMatch(/longer or more specific/);

    const broad = await conversationIdsMatching({ db: testDatabase.db(), search: "Conversation", matchCap: 50 }).catch(
      (error: unknown) => error,
    );
    expect(broad).toMatchObject({ code: "invalid_params", status: 400 });
    expect((broad as AppError).message).toMatch(/More than 50 conversations contain "Conversation"/);
    // The pool is left usable: the search's settings ended with its transaction.
    const { rows } = await poolOf(testDatabase.db()).query<{ timeout: string }>(
      "SELECT current_setting('statement_timeout') AS timeout",
    );
    expect(rows[0]?.timeout).toBe("0");
  });
});
