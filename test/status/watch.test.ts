import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/index.js';
import { STATUS_FORMAT_VERSION, type StatusReport } from '../../src/status/types.js';
import { watchStatus } from '../../src/status/watch.js';

function report(n: number, unhealthy = 0): StatusReport {
  return {
    formatVersion: STATUS_FORMAT_VERSION,
    namespace: 'ns',
    checkedAt: `tick-${n}`,
    window: { sinceMs: 3_600_000, from: 'a', to: 'b' },
    thresholds: {},
    pipelines: [],
    summary: { total: 0, healthy: 0, unhealthy, unknown: 0 },
  };
}

/** A fake clock: sleeping advances it, and the third sleep ends the watch (as Ctrl-C would). */
function harness(checks: (() => Promise<StatusReport>)[]) {
  const stop = new AbortController();
  let clock = 0;
  const slept: number[] = [];
  const screens: string[] = [];
  let i = 0;
  const run = watchStatus({
    check: () => (checks[i++] ?? checks[checks.length - 1]!)(),
    render: (r) => `screen ${r.checkedAt}`,
    write: (t) => screens.push(t),
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
      if (slept.length === 3) stop.abort();
    },
    intervalMs: 30_000,
    signal: stop.signal,
  });
  return { run, slept, screens, clock: () => clock };
}

describe('watchStatus', () => {
  it('checks, clears and redraws every interval until aborted, without real time', async () => {
    const h = harness([1, 2, 3, 4].map((n) => () => Promise.resolve(report(n, n === 3 ? 1 : 0))));
    const last = await h.run;
    expect(h.slept).toEqual([30_000, 30_000, 30_000]);
    expect(h.clock()).toBe(90_000);
    expect(h.screens).toHaveLength(3);
    expect(h.screens[0]).toBe('\u001b[H\u001b[2Jscreen tick-1\nRefreshing every 30 s; Ctrl-C to stop.\n');
    expect(last?.checkedAt).toBe('tick-3');
    expect(last?.summary.unhealthy).toBe(1);
  });

  it('shows a failed check and tries again at the next tick', async () => {
    const down = (): Promise<StatusReport> =>
      Promise.reject(new ApiError({ message: 'GET /tags -> HTTP 503', method: 'GET', path: '/tags' }));
    const h = harness([down, () => Promise.resolve(report(2)), () => Promise.resolve(report(3))]);
    const last = await h.run;
    expect(h.screens[0]).toContain('status check failed: GET /tags -> HTTP 503');
    expect(h.screens[1]).toContain('screen tick-2');
    expect(last?.checkedAt).toBe('tick-3');
  });

  it('lets a bug (not a GitopsError) end the watch', async () => {
    const h = harness([() => Promise.reject(new TypeError('boom'))]);
    await expect(h.run).rejects.toThrow('boom');
  });
});
