import type { Clock } from '../../src/applier/index.js';

/**
 * A virtual clock: `sleep` records the pause, moves time forward by it and returns on the next turn
 * of the event loop, so a polling loop runs through its deadline or backoff at full speed and the
 * same way on a loaded machine as on an idle one.
 */
export class FakeClock implements Clock {
  #now: number;
  /** Every pause asked for, in order. */
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.#now += ms;
    // NOTE: yields a macrotask (not wall-clock time) so a loop that only sleeps cannot starve I/O.
    await new Promise((resolve) => setImmediate(resolve));
  };

  advance(ms: number): void {
    this.#now += ms;
  }
}
