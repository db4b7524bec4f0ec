/** A counting semaphore: at most `limit` holders at once, FIFO. */
export class Semaphore {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  get active(): number {
    return this.#active;
  }

  async acquire(): Promise<void> {
    if (this.#active < this.limit) {
      this.#active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    // NOTE: the permit passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else this.#active -= 1;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }
}

/** Spaces request starts at least 1/rps apart (no bursts), client-wide. */
export class RateLimiter {
  #next = 0;

  constructor(
    private readonly requestsPerSecond: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async wait(): Promise<void> {
    const interval = 1000 / this.requestsPerSecond;
    const now = this.now();
    const slot = Math.max(now, this.#next);
    this.#next = slot + interval;
    if (slot > now) await this.sleep(slot - now);
  }
}
