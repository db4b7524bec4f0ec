/**
 * Saved plans (`apply --plan`): refusals say what to do, and nothing is written when refused.
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

describe('apply --plan', () => {
  it('a plan key different from the one the plan was made with is named as a cause; nothing is written', async () => {
    expect((await h.cli(['plan', 'examples', '--out', 'plan.json'])).code).toBe(0);
    const r = await h.cli(['apply', '--plan', 'plan.json', 'examples', '--auto-approve'], {
      STREAMKAP_GITOPS_PLAN_KEY: 'another-key-than-at-plan-time',
    });
    expect(r.code).toBe(3);
    expect(r.err).toContain('nothing was applied');
    expect(r.err).toContain('STREAMKAP_GITOPS_PLAN_KEY');
    expect(namesIn(h.server).sources).toEqual([]);
    expect(h.server.emulator.dump().tags.some((t) => t.name.startsWith('gitops:'))).toBe(false);
  });
});
