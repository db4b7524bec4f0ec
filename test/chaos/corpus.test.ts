/**
 * Issue 12, "the proofs stay": the bad-input corpus. Every case is a manifest root generated in
 * code (test/chaos/corpus-*.ts); each refused case must exit 4 with a message naming its file (and
 * line where there is one), without a stack trace or a raw control character, and without a single
 * API request (token exchange included: the emulator counts every call). The "accepted" cases are
 * valid input that looks hostile; they must get past validation. `npm test` runs every 10th case,
 * `npm run test:chaos` all of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../e2e/harness.js';
import { corpusCases } from './corpus-cases.js';
import { prepareCorpus, runCase } from './corpus-run.js';
import { FULL, sample } from './chaos-scale.js';

const ALL = corpusCases();
const CASES = sample(
  ALL.map((c, index) => ({ ...c, index })),
  10,
);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  prepareCorpus(h);
});
afterAll(async () => {
  await h?.close();
});

describe('the bad-input corpus', () => {
  it('has at least 700 cases with unique ids, in every family', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(700);
    expect(new Set(ALL.map((c) => c.id)).size).toBe(ALL.length);
    const families = new Set(ALL.map((c) => c.id.split('/')[0]));
    expect([...families].sort()).toEqual(
      [
        'bom',
        'bomb',
        'char',
        'dangling',
        'duplicate',
        'flip',
        'path',
        'special',
        'unknown-key',
        'utf8',
      ].sort(),
    );
    if (!FULL) expect(CASES.length).toBe(Math.ceil(ALL.length / 10));
  });

  it.each(CASES.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const outcome = await runCase(h, c, c.index);
    expect(
      outcome.problems,
      `${outcome.command} -> exit ${outcome.code}\n${outcome.printed.slice(0, 2000)}`,
    ).toEqual([]);
  });
});
