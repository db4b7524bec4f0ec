/**
 * A replace interrupted after its delete half: the new object exists under its temporary name
 * (`<name>-gitops-replacing`) and the pipelines already point at it, but the final rename never ran.
 * The next plan must finish the job with a rename of that object (same id), not a second create
 * (which, for a source, would re-snapshot every table once more).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiCall, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  await h.close();
});

describe('a replace interrupted before its rename', () => {
  it('is finished by renaming the temporary object, keeping its id', async () => {
    const dir = await h.copyExamples();
    expect((await h.cli(['apply', dir, '--auto-approve', '--poll-interval', '10'])).code).toBe(0);
    // What the interrupted replace leaves: the object (same id, pipeline still on it) under the temporary name.
    const dest = h.server.emulator.dump().destinations.find((d) => d.name === 'analytics');
    if (!dest) throw new Error('analytics was not created');
    await apiCall(h.server, 'PUT', `/destinations/${dest.id}?secret_returned=true&wait=false`, {
      name: 'analytics-gitops-replacing',
      connector: dest.connector,
      config: dest.config,
      tags: dest.tags,
    });

    const plan = await h.cli(['plan', dir, '--detailed-exitcode']);
    expect(plan.code, plan.err).toBe(2);
    expect(plan.out).toContain('~ destination/analytics');
    expect(plan.out).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');

    const applied = await h.cli(['apply', dir, '--auto-approve', '--poll-interval', '10']);
    expect(applied.code, applied.out + applied.err).toBe(0);
    const after = h.server.emulator.dump().destinations.filter((d) => d.name.startsWith('analytics'));
    expect(after.map((d) => [d.name, d.id])).toEqual([['analytics', dest.id]]);
    expect((await h.cli(['plan', dir, '--detailed-exitcode'])).code).toBe(0);
  });
});
