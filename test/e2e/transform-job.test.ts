/**
 * An apply killed between a transform's code upload and its deploy leaves a job that never ran.
 * The next plan must see it (job CREATED → RUNNING) and the next apply must deploy it: a re-run
 * converges instead of reporting "no changes" over a transform that does nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  await h.close();
});

describe('a transform whose job never ran', () => {
  it('is planned as an update and deployed by the next apply', async () => {
    const dir = await h.copyExamples();
    expect((await h.cli(['apply', dir, '--auto-approve', '--poll-interval', '10'])).code).toBe(0);

    // The state an apply killed after the implementation upload, before the deploy, leaves behind.
    const [stored] = h.server.emulator.store.transforms.named('mask-emails');
    if (!stored) throw new Error('mask-emails was not created');
    stored.job = null;
    h.server.emulator.changed();

    const plan = await h.cli(['plan', dir, '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.out).toContain('~ transform/mask-emails');
    expect(plan.out).toContain('~ job = "CREATED" -> "RUNNING"');

    expect((await h.cli(['apply', dir, '--auto-approve', '--poll-interval', '10'])).code).toBe(0);
    expect(h.server.emulator.store.transforms.named('mask-emails')[0]?.job?.status).toBe('RUNNING');
    expect((await h.cli(['plan', dir, '--detailed-exitcode'])).code).toBe(0);
  });
});
