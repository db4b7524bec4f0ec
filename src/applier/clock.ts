/**
 * Time for the applier's polling loops (`apply --wait`, transform job status). Injected so that tests
 * step through a deadline or a backoff without waiting in real time, and without depending on how
 * fast the machine runs.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    await sleep(ms);
  },
};
