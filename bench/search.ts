// `npm run bench:search [-- --megabytes 100]`: conversation search over N MB of message text,
// before (the former Prisma OR + correlated EXISTS, no index) and after (the trigram indexes and
// the query in lib/db/conversation-search.ts). A throwaway database on the test PostgreSQL;
// results in bench/results/search.json.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createDatabase, poolOf, type Database } from "../lib/db/client";
import { CONVERSATIONS_MATCHING_SQL, containsPattern, searchSettings } from "../lib/db/conversation-search";
import { SYSTEM_ACTOR } from "../lib/db/actor";
import { listConversations } from "../lib/db/conversations";
import { createTestDatabase, REPO_ROOT, withClient } from "../lib/testing/database";
import { fillSearchCorpus } from "../lib/testing/search-corpus";

const WORDS_PER_MESSAGE = 300;
const MESSAGES_PER_CONVERSATION = 12;
const ROUNDS = 3;
const TRIGRAM_INDEXES = ["conversations_title_trgm_idx", "messages_content_trgm_idx"];

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(ROUNDS / 2)] ?? 0);
}

// What listConversations ran before: count and first page with Prisma's OR + EXISTS.
async function formerSearch(db: Database, search: string): Promise<number> {
  const where = {
    OR: [
      { title: { contains: search, mode: "insensitive" as const } },
      { messages: { some: { content: { contains: search, mode: "insensitive" as const } } } },
    ],
  };
  const [total] = await Promise.all([
    db.conversation.count({ where }),
    db.conversation.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: 20,
      include: { _count: { select: { messages: true } } },
    }),
  ]);
  return total;
}

async function plan(db: Database, search: string): Promise<string> {
  const client = await poolOf(db).connect();
  try {
    await client.query("BEGIN");
    for (const setting of searchSettings(search)) await client.query(setting);
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${CONVERSATIONS_MATCHING_SQL}`, [
      containsPattern(search),
      10_001,
    ]);
    await client.query("ROLLBACK");
    return rows
      .map((row) => row["QUERY PLAN"])
      .filter((line) => /Scan/.test(line))
      .map((line) => line.trim().replace(/\s+\(cost.*$/, ""))
      .join("; ");
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  const megabytes = option("megabytes", 100);
  const conversations = Math.ceil((megabytes * 1_000_000) / (MESSAGES_PER_CONVERSATION * WORDS_PER_MESSAGE * 6.5));
  const database = await createTestDatabase({ migrate: true, prefix: "llmm_test" });
  const db = createDatabase(database.url);
  try {
    const definitions = await withClient(database.url, async (client) => {
      const { rows } = await client.query<{ indexname: string; indexdef: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY($1)",
        [TRIGRAM_INDEXES],
      );
      for (const row of rows) await client.query(`DROP INDEX "${row.indexname}"`);
      const started = performance.now();
      const bytes = await fillSearchCorpus(client, {
        conversations,
        messagesPerConversation: MESSAGES_PER_CONVERSATION,
        wordsPerMessage: WORDS_PER_MESSAGE,
      });
      console.log(
        `corpus: ${conversations} conversations, ${conversations * MESSAGES_PER_CONVERSATION} messages, ${(bytes / 1e6).toFixed(1)} MB of text (${Math.round((performance.now() - started) / 1000)} s)`,
      );
      return rows;
    });
    // An absent text (the review's case), a rare word and a common one, from the corpus' vocabulary.
    const { rows } = await poolOf(db).query<{ rare: string; common: string }>(
      "SELECT (SELECT title FROM conversations ORDER BY id DESC LIMIT 1) AS rare, (SELECT split_part(content, ' ', 1) FROM messages ORDER BY id LIMIT 1) AS common",
    );
    const searches = ["zzqqxxk", rows[0]?.rare ?? "Conversation 1", rows[0]?.common ?? "a"];
    const results: Array<Record<string, unknown>> = [];
    const before: Record<string, { ms: number; total: number }> = {};
    for (const search of searches) {
      let total = 0;
      const ms = await median(async () => (total = await formerSearch(db, search)));
      before[search] = { ms, total };
    }
    const built = performance.now();
    await withClient(database.url, async (client) => {
      for (const row of definitions) await client.query(row.indexdef);
      await client.query("ANALYZE");
    });
    console.log(`trigram indexes built in ${Math.round((performance.now() - built) / 1000)} s`);
    for (const search of searches) {
      let total = 0;
      const ms = await median(
        async () =>
          (total = (
            await listConversations({ db, filters: { search, page: 1, pageSize: 20 }, visibleTo: SYSTEM_ACTOR })
          ).total),
      );
      const entry = {
        search,
        beforeMs: before[search]?.ms,
        afterMs: ms,
        totalBefore: before[search]?.total,
        totalAfter: total,
        plan: await plan(db, search),
      };
      results.push(entry);
      console.log(
        `${JSON.stringify(search).padEnd(34)} before ${String(entry.beforeMs).padStart(6)} ms  after ${String(ms).padStart(6)} ms  matches ${entry.totalBefore} / ${total}  ${entry.plan}`,
      );
    }
    const out = path.join(REPO_ROOT, "bench", "results");
    await mkdir(out, { recursive: true });
    await writeFile(
      path.join(out, "search.json"),
      `${JSON.stringify({ megabytes, conversations, results }, null, 2)}\n`,
    );
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
