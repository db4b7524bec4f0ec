/**
 * `apply --wait` end to end: a Broken pipeline and a timeout both fail the command with exit 1
 * (a runtime failure, not invalid input), after the configuration was applied.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { namesIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  await h.copyExamples();
});

afterEach(async () => {
  await h.close();
});

const applyWait = (timeout: string): ReturnType<Harness['cli']> =>
  h.cli([
    'apply',
    'examples',
    '--auto-approve',
    '--poll-interval',
    '10',
    '--wait',
    '--wait-timeout',
    timeout,
  ]);

describe('apply --wait', () => {
  it('a pipeline that reports Broken fails the command with exit 1, naming it', async () => {
    // Every pipeline the apply writes reports Broken from then on.
    h.server.emulator.onChange(() => {
      for (const p of h.server.emulator.store.pipelines.all()) {
        p.settle = { status: 'Broken', readsLeft: 1_000_000, settleAt: null };
      }
    });
    const r = await applyWait('20s');
    expect(namesIn(h.server).pipelines).toHaveLength(2);
    expect(r.err).toMatch(/pipeline\/[a-z-]+ is Broken/);
    expect(r.code, r.out + r.err).toBe(1);
  });

  it('a timeout fails the command with exit 1 and the statuses last seen', async () => {
    h.server.emulator.configure({ settleReads: 1_000_000 });
    // A minute of the harness's virtual clock: the test does not wait for it in real time.
    const r = await applyWait('1m');
    expect(namesIn(h.server).pipelines).toHaveLength(2);
    expect(r.err).toMatch(/not Active after 60.0 s: .*\(Pending/);
    expect(r.code, r.out + r.err).toBe(1);
    // The pauses between polls: from --poll-interval, doubling, capped at 10 s, the last cut to the deadline.
    const backoff = [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10_000, 10_000, 10_000, 10_000, 9770];
    expect(h.clock.sleeps.slice(-backoff.length)).toEqual(backoff);
  });
});
