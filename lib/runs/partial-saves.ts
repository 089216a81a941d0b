import type { Database } from "@/lib/db/client";
import { execute } from "@/lib/db/sql";

// While replies stream, their text so far is saved every SAVE_INTERVAL_MS, so a crash loses at
// most that much. One UPDATE saves every reply that grew since the last save — 1,000 streaming
// runs cost one statement per interval, not 500 a second — and it never touches a message that
// is no longer `streaming`, so a late partial save cannot overwrite a final one.

export const SAVE_INTERVAL_MS = 2_000;

// Straight to pg (lib/db/sql.ts), like the run's other statements.
const SAVE_PARTIAL_TEXTS = `
  UPDATE messages AS m SET content = v.content, reasoning = v.reasoning
  FROM unnest($1::int[], $2::text[], $3::text[]) AS v (id, content, reasoning)
  WHERE m.id = v.id AND m.status = 'streaming'`;

export type PartialText = { content: string; reasoning: string | null };

/** A streaming reply: its message id and, when it grew since the last call, its text so far. */
export type PartialSource = { readonly messageId: number; takeChanges(): PartialText | null; markUnsaved(): void };

type Row = PartialText & { source: PartialSource };

class PartialSaver {
  private readonly sources = new Set<PartialSource>();
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database) {}

  add(source: PartialSource): void {
    this.sources.add(source);
    this.timer ??= setInterval(() => void this.saveNow(), SAVE_INTERVAL_MS);
  }

  /** Stops saving `source`; resolves once no save that may include it is still in flight. */
  async remove(source: PartialSource): Promise<void> {
    this.sources.delete(source);
    if (this.sources.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    await this.saving;
  }

  /** Saves every reply that grew, in one statement; resolves when it has landed. */
  saveNow(): Promise<void> {
    const rows: Row[] = [];
    for (const source of this.sources) {
      const changes = source.takeChanges();
      if (changes) rows.push({ ...changes, source });
    }
    if (rows.length > 0) this.saving = this.saving.then(() => this.write(rows));
    return this.saving;
  }

  private async write(rows: Row[]): Promise<void> {
    const ids = rows.map((row) => row.source.messageId);
    const contents = rows.map((row) => row.content);
    const reasonings = rows.map((row) => row.reasoning);
    try {
      await execute(this.db, SAVE_PARTIAL_TEXTS, [ids, contents, reasonings]);
    } catch (error) {
      console.error(
        `saving ${rows.length} streaming repl${rows.length === 1 ? "y" : "ies"} failed:`,
        error instanceof Error ? error.message : error,
      );
      for (const row of rows) row.source.markUnsaved();
    }
  }
}

const savers = new WeakMap<Database, PartialSaver>();

/** The saver of streaming replies for one database client. */
export function partialSaver(db: Database): PartialSaver {
  let saver = savers.get(db);
  if (!saver) {
    saver = new PartialSaver(db);
    savers.set(db, saver);
  }
  return saver;
}
