// Bounds the password-hashing work of this process: at most `concurrency` hashes at once, the rest
// wait their turn, taken in rotation across clients (one turn per address), so a client that
// sends hundreds of attempts waits behind itself, not in front of everyone else. A full queue or
// a wait past `maxWaitMs` is refused rather than piling up.

export class HashGateBusy extends Error {
  constructor() {
    super("Too many sign-ins are being checked at once.");
  }
}

type Waiter = { start: () => void; refuse: () => void; timer: NodeJS.Timeout };

export type HashGateLimits = {
  concurrency: number;
  maxWaitingPerClient: number;
  maxWaiting: number;
  maxWaitMs: number;
};

export class HashGate {
  private active = 0;
  private waiting = 0;
  // Insertion order is the rotation: a client whose turn came moves to the back.
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly limits: HashGateLimits) {}

  /** Runs `task` when a slot is free; rejects with HashGateBusy when the client's or the whole queue is full, or the wait is too long. */
  async run<T>(client: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(client);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(client: string): Promise<void> {
    if (this.active < this.limits.concurrency && this.waiting === 0) {
      this.active += 1;
      return Promise.resolve();
    }
    const queue = this.queues.get(client) ?? [];
    if (queue.length >= this.limits.maxWaitingPerClient || this.waiting >= this.limits.maxWaiting)
      return Promise.reject(new HashGateBusy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: () => resolve(),
        refuse: () => reject(new HashGateBusy()),
        timer: setTimeout(() => this.abandon(client, waiter), this.limits.maxWaitMs),
      };
      queue.push(waiter);
      this.queues.set(client, queue);
      this.waiting += 1;
    });
  }

  private abandon(client: string, waiter: Waiter): void {
    const queue = this.queues.get(client);
    const index = queue?.indexOf(waiter) ?? -1;
    if (!queue || index < 0) return;
    queue.splice(index, 1);
    if (queue.length === 0) this.queues.delete(client);
    this.waiting -= 1;
    waiter.refuse();
  }

  private release(): void {
    const next = this.queues.entries().next();
    if (next.done) {
      this.active -= 1;
      return;
    }
    const [client, queue] = next.value;
    const waiter = queue.shift();
    this.queues.delete(client);
    if (queue.length > 0) this.queues.set(client, queue);
    if (!waiter) {
      this.active -= 1;
      return;
    }
    this.waiting -= 1;
    clearTimeout(waiter.timer);
    // The slot passes straight to the waiter: `active` stays the same.
    waiter.start();
  }
}
