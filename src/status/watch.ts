/**
 * `status --watch`: check, clear the screen, show, wait, again, until the signal aborts. The
 * clock and the sleep are injected, so tests run it without real time. A check that fails (the
 * API is down for a moment) is shown and retried at the next tick rather than ending the watch.
 */
import { GitopsError } from '../errors/index.js';
import type { StatusReport } from './types.js';

/** Never refresh faster: each tick costs up to three API calls per pipeline. */
export const MIN_WATCH_INTERVAL_MS = 10_000;
export const DEFAULT_WATCH_INTERVAL_MS = 30_000;

/** Clear the screen and put the cursor home (the terminal keeps its scrollback). */
const CLEAR = '\u001b[H\u001b[2J';

export interface WatchDeps {
  readonly check: () => Promise<StatusReport>;
  readonly render: (report: StatusReport) => string;
  readonly write: (text: string) => void;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly intervalMs: number;
  readonly signal: AbortSignal;
}

/** Runs until the signal aborts; returns the last report (undefined if no check succeeded). */
export async function watchStatus(d: WatchDeps): Promise<StatusReport | undefined> {
  let last: StatusReport | undefined;
  const every = `every ${Math.round(d.intervalMs / 1000)} s`;
  while (!d.signal.aborted) {
    try {
      last = await d.check();
      d.write(`${CLEAR}${d.render(last)}\nRefreshing ${every}; Ctrl-C to stop.\n`);
    } catch (error) {
      if (!(error instanceof GitopsError)) throw error;
      d.write(`${CLEAR}status check failed: ${error.message}\nRetrying ${every}; Ctrl-C to stop.\n`);
    }
    if (!d.signal.aborted) await d.sleep(d.intervalMs, d.signal);
  }
  return last;
}

/** The real sleep: a timer that an abort cuts short. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
