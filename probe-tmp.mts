import pg from "pg";
import { fillSearchCorpus } from "@/lib/testing/search-corpus";
const client = new pg.Client({ connectionString: process.argv[2] });
await client.connect();
const t = performance.now();
console.log(await fillSearchCorpus(client, { conversations: 200, messagesPerConversation: 10, wordsPerMessage: 300 }), Math.round(performance.now() - t), "ms");
const r = await client.query("select content from messages limit 1");
console.log(String(r.rows[0].content).slice(0, 200));
await client.end();
