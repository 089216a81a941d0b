// Test-only: a corpus of conversations for search tests and the search benchmark, generated
// inside PostgreSQL (no data through the client). Words come from a vocabulary of 5,000
// pseudo-words over 26 letters, the low-numbered ones far more often (as in prose, a few words
// make up most of the text).
import type pg from "pg";

export type CorpusSize = { conversations: number; messagesPerConversation: number; wordsPerMessage: number };

const VOCABULARY = 5_000;

/** Fills the (empty) tables; returns the number of bytes of message text stored. */
export async function fillSearchCorpus(client: pg.ClientBase, size: CorpusSize): Promise<number> {
  await client.query(
    `CREATE TEMP TABLE corpus_words AS
       SELECT n, (SELECT string_agg(chr(97 + get_byte(decode(md5(n::text || '.' || k::text), 'hex'), 0) % 26), '' ORDER BY k)
                  FROM generate_series(1, 3 + n % 7) AS k) AS word
       FROM generate_series(1, $1::int) AS n`,
    [VOCABULARY],
  );
  await client.query("CREATE UNIQUE INDEX ON corpus_words (n)");
  await client.query(
    `INSERT INTO conversations (title, params, origin)
     SELECT 'Conversation ' || g || ' on ' || w.word, '{}', 'chat'
     FROM generate_series(1, $1::int) AS g JOIN corpus_words AS w ON w.n = 1 + g % $2::int`,
    [size.conversations, VOCABULARY],
  );
  // The subquery names c.id and m, so each message draws its own words (volatile random() keeps
  // the key list from being flattened into the join).
  await client.query(
    `INSERT INTO messages (conversation_id, role, content, status)
     SELECT c.id, (CASE WHEN m % 2 = 1 THEN 'user' ELSE 'assistant' END)::"MessageRole",
            (SELECT string_agg(w.word, ' ')
               FROM (SELECT 1 + floor(power(random(), 3) * $3::int)::int + 0 * c.id * m AS key FROM generate_series(1, $2::int)) AS k
               JOIN corpus_words AS w ON w.n = k.key),
            'complete'
     FROM conversations AS c CROSS JOIN generate_series(1, $1::int) AS m`,
    [size.messagesPerConversation, size.wordsPerMessage, VOCABULARY],
  );
  await client.query("ANALYZE conversations");
  await client.query("ANALYZE messages");
  const { rows } = await client.query<{ bytes: string }>(
    "SELECT coalesce(sum(octet_length(content)), 0)::text AS bytes FROM messages",
  );
  return Number(rows[0]?.bytes ?? 0);
}
