import type { RunEvent } from "@/lib/contracts/run-events";
import { isFinalEvent } from "@/lib/runs/run-events";

export type AbortReason = "stop" | "abandoned" | "timeout";
type Listener = (seq: number, event: RunEvent) => void;

/**
 * A run while it streams: the ordered events so far (for clients that reconnect), the clients
 * attached now, and the abort switch of the provider request. A run with no client attached
 * is abandoned after the grace window and its provider request aborted.
 */
export class LiveRun {
  private readonly events: RunEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private observer: Listener | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private reason: AbortReason | null = null;
  private settled: Promise<void> | undefined;
  private finishedAtMs: number | null = null;

  constructor(
    readonly runId: string,
    /** The conversation's creator: with admins, the only ones who may resume or stop the run. */
    readonly ownerUserId: number | null,
    private readonly graceMs: number,
    /** The provider request's abort switch (it may have been sent before the run existed). */
    readonly abortController = new AbortController(),
  ) {}

  get finished(): boolean {
    const last = this.events[this.events.length - 1];
    return last !== undefined && isFinalEvent(last);
  }

  /** When the final event was published (epoch ms), or null while streaming. */
  get finishedAt(): number | null {
    return this.finishedAtMs;
  }

  /** How many events the run has published. */
  get eventCount(): number {
    return this.events.length;
  }

  get abortReason(): AbortReason | null {
    return this.reason;
  }

  /** Appends an event and hands it to every attached client; returns its sequence number. */
  publish(event: RunEvent): number {
    if (this.finished) return this.events.length - 1;
    const seq = this.events.length;
    this.events.push(event);
    this.observer?.(seq, event);
    for (const listener of this.listeners) listener(seq, event);
    if (isFinalEvent(event)) {
      this.finishedAtMs = Date.now();
      this.clearGraceTimer();
    }
    return seq;
  }

  /** Replays events from `fromSeq` on, then delivers new ones live; returns the detach function. */
  attach(fromSeq: number, listener: Listener): () => void {
    this.clearGraceTimer();
    for (let seq = Math.max(0, fromSeq); seq < this.events.length; seq += 1) {
      const event = this.events[seq];
      if (event) listener(seq, event);
    }
    this.listeners.add(listener);
    return () => this.detach(listener);
  }

  /** Sees every event, past and future, without counting as a client (the run store's mirror). */
  observe(listener: Listener): void {
    this.events.forEach((event, seq) => listener(seq, event));
    this.observer = listener;
  }

  /** Remembers the work that relays and saves this run, so callers can wait for it. */
  track(work: Promise<void>): void {
    this.settled = work;
    // A promise carries the async context it was made in (the request's, with its response), and
    // a finished run lingers for 30 s: let go of the promise once it has settled.
    const release = () => {
      if (this.settled === work) this.settled = undefined;
    };
    work.then(release, release);
  }

  /** Resolves once the run's final event is out and its message saved. */
  whenSettled(): Promise<void> {
    return this.settled ?? Promise.resolve();
  }

  /** Aborts the provider request now (explicit stop, timeout, or abandonment). */
  abort(reason: AbortReason): void {
    if (this.finished || this.abortController.signal.aborted) return;
    this.reason = reason;
    this.clearGraceTimer();
    this.abortController.abort(reason);
  }

  private detach(listener: Listener): void {
    this.listeners.delete(listener);
    if (this.listeners.size > 0 || this.finished) return;
    if (this.graceMs <= 0) {
      this.abort("abandoned");
      return;
    }
    this.clearGraceTimer();
    this.graceTimer = setTimeout(() => {
      if (this.listeners.size === 0) this.abort("abandoned");
    }, this.graceMs);
  }

  private clearGraceTimer(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
  }
}
