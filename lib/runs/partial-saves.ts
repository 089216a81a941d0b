import type { MessageStore, PartialText } from "@/lib/db/messages";
import { errorMessage } from "@/lib/errors";

// While replies stream, their text so far is saved every SAVE_INTERVAL_MS, so a crash loses at
// most that much. One statement saves every reply that grew since the last save — 1,000
// streaming runs cost one statement per interval, not 500 a second (lib/db/messages.ts).

export const SAVE_INTERVAL_MS = 2_000;

/** A streaming reply: its message id and, when it grew since the last call, its text so far. */
export type PartialSource = {
  readonly messageId: number;
  takeChanges(): Omit<PartialText, "messageId"> | null;
  markUnsaved(): void;
};

type Row = PartialText & { source: PartialSource };

class PartialSaver {
  private readonly sources = new Set<PartialSource>();
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly store: MessageStore) {}

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
      if (changes) rows.push({ ...changes, messageId: source.messageId, source });
    }
    if (rows.length > 0) this.saving = this.saving.then(() => this.write(rows));
    return this.saving;
  }

  private async write(rows: Row[]): Promise<void> {
    try {
      await this.store.savePartialTexts(
        rows.map(({ messageId, content, reasoning }) => ({ messageId, content, reasoning })),
      );
    } catch (error) {
      console.error(
        `saving ${rows.length} streaming repl${rows.length === 1 ? "y" : "ies"} failed:`,
        errorMessage(error),
      );
      for (const row of rows) row.source.markUnsaved();
    }
  }
}

const savers = new WeakMap<MessageStore, PartialSaver>();

/** The saver of streaming replies into one message store. */
export function partialSaver(store: MessageStore): PartialSaver {
  let saver = savers.get(store);
  if (!saver) {
    saver = new PartialSaver(store);
    savers.set(store, saver);
  }
  return saver;
}
